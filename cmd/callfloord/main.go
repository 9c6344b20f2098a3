package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // a policy's meeting_zone loads on an image without a zone database

	"github.com/callfloor/callfloor/cmd/callfloord/internal/server"
	"github.com/callfloor/callfloor/cmd/callfloord/internal/store"
)

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	os.Exit(run(os.Args[1:], os.Stderr, sigs))
}

// Exit codes.
const (
	exitOK    = 0
	exitStart = 1 // the service could not start, or stopped on an error
	exitUsage = 2
)

// writeTimeout is how long the server takes to write a response,
// counted from the end of the request's headers.
const writeTimeout = 60 * time.Second

// options are the command's flags.
type options struct {
	addr            string
	policies        string
	tokens          string
	store           string
	tlsCert         string
	tlsKey          string
	clientCA        string
	rate            float64
	burst           int
	maxBody         int64
	shutdownTimeout time.Duration
	logLevel        slog.Level
}

// usageError is a mistake in the command line, reported on one line with
// exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// parseFlags reads the command line. -h prints the usage to out and
// returns flag.ErrHelp.
func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("callfloord", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on; port 0 picks a free one")
	fs.StringVar(&o.policies, "policies", "", "`dir`ectory of policy files (*.yaml); a kind without a file runs its default")
	fs.StringVar(&o.tokens, "tokens", "", "token `file` mapping token hashes to people and roles (required)")
	fs.StringVar(&o.store, "store", "sqlite:callfloord.db", "store `DSN`: sqlite:FILE, postgres://..., or none to run stateless")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "certificate `file` (PEM); with -tls-key, serve HTTPS")
	fs.StringVar(&o.tlsKey, "tls-key", "", "private key `file` (PEM) of -tls-cert")
	fs.StringVar(&o.clientCA, "client-ca", "", "CA `file` (PEM); with TLS, require client certificates it signed")
	fs.Float64Var(&o.rate, "rate", server.DefaultRate, "requests a second each token holder may make, sustained; 0 for no limit")
	fs.IntVar(&o.burst, "burst", server.DefaultBurst, "requests each token holder may make at once")
	fs.Int64Var(&o.maxBody, "max-body", server.DefaultMaxBody, "largest request body, in `bytes`")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", 15*time.Second, "how long requests in flight may take to finish on SIGTERM")
	fs.TextVar(&o.logLevel, "log-level", slog.LevelInfo, "least `level` logged: debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(out, "usage: callfloord -tokens FILE [flags]")
			fs.SetOutput(out)
			fs.PrintDefaults()
			return o, err
		}
		return o, &usageError{err.Error()}
	}
	switch {
	case fs.NArg() > 0:
		return o, &usageError{fmt.Sprintf("unexpected argument %q; callfloord takes only flags", fs.Arg(0))}
	case o.tokens == "":
		return o, &usageError{"-tokens is required: the file of the tokens that may call the service"}
	case (o.tlsCert == "") != (o.tlsKey == ""):
		return o, &usageError{"-tls-cert and -tls-key go together"}
	case o.clientCA != "" && o.tlsCert == "":
		return o, &usageError{"-client-ca needs -tls-cert and -tls-key: client certificates are asked for over TLS"}
	case o.rate < 0 || o.rate != o.rate:
		return o, &usageError{fmt.Sprintf("-rate %g is negative; 0 turns the limit off", o.rate)}
	case o.rate > 0 && o.burst < 1:
		return o, &usageError{fmt.Sprintf("-burst %d is below 1; a holder could never make a request", o.burst)}
	case o.maxBody < 1:
		return o, &usageError{fmt.Sprintf("-max-body %d is below 1 byte", o.maxBody)}
	case o.shutdownTimeout <= 0:
		return o, &usageError{fmt.Sprintf("-shutdown-timeout %v is not positive", o.shutdownTimeout)}
	case o.store == "":
		return o, &usageError{"-store is empty; give a DSN, or none to run stateless"}
	}
	return o, nil
}

// run is the command: it serves until SIGTERM or SIGINT comes on sigs and
// returns the exit status. SIGHUP reloads the policies and tokens.
func run(args []string, stderr io.Writer, sigs <-chan os.Signal) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "callfloord: %v\n", err)
		return exitUsage
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: o.logLevel}))
	fail := func(msg string, err error) int {
		log.Error(msg, "error", err.Error())
		return exitStart
	}

	var st store.Store
	if o.store != "none" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		st, err = store.Open(ctx, o.store)
		cancel()
		if err != nil {
			return fail("cannot open the store", err)
		}
		defer st.Close()
	}
	srv, err := server.New(server.Config{
		PolicyDir: o.policies,
		TokenFile: o.tokens,
		Store:     st,
		Logger:    log,
		MaxBody:   o.maxBody,
		Rate:      o.rate,
		Burst:     o.burst,
		// A request ends before its connection's write deadline, so
		// that the caller reads why rather than a cut connection.
		RequestTimeout: writeTimeout - 5*time.Second,
	})
	if err != nil {
		// Each problem on its own line, as a policy author reads them.
		fmt.Fprintf(stderr, "callfloord: cannot start:\n")
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "  %s\n", line)
		}
		return exitStart
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if o.tlsCert != "" {
		cfg, err := tlsConfig(o)
		if err != nil {
			return fail("cannot set up TLS", err)
		}
		hs.TLSConfig = cfg
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fail("cannot listen", err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "tls", o.tlsCert != "", "client_certificates", o.clientCA != "",
		"store", storeKind(o.store))

	served := make(chan error, 1)
	go func() {
		if hs.TLSConfig != nil {
			served <- hs.ServeTLS(ln, "", "")
		} else {
			served <- hs.Serve(ln)
		}
	}()
	for {
		select {
		case err := <-served:
			return fail("the server stopped", err)
		case sig := <-sigs:
			if sig == syscall.SIGHUP {
				// Reload logs its own result, and keeps the running
				// policies and tokens when it fails.
				_ = srv.Reload()
				continue
			}
			log.Info("shutting down", "signal", sig.String(), "timeout", o.shutdownTimeout.String())
			ctx, cancel := context.WithTimeout(context.Background(), o.shutdownTimeout)
			err := hs.Shutdown(ctx)
			cancel()
			if err != nil {
				return fail("requests in flight did not finish in time", err)
			}
			log.Info("stopped")
			return exitOK
		}
	}
}

// tlsConfig is the server's TLS: the certificate, and with -client-ca
// the client certificates it requires.
func tlsConfig(o options) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if o.clientCA != "" {
		pem, err := os.ReadFile(o.clientCA)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s holds no PEM certificate", o.clientCA)
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}

// storeKind names the kind of store a DSN opens, for the log; the DSN
// itself may hold a password.
func storeKind(dsn string) string {
	switch {
	case dsn == "none":
		return "none"
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return "postgres"
	case strings.HasPrefix(dsn, "sqlite:"), strings.HasSuffix(dsn, ".db"):
		return "sqlite"
	}
	return "unknown"
}
