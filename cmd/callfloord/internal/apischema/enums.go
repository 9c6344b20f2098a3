package apischema

import (
	"encoding"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// enumProbes are values no enum of the library holds: a type whose
// MarshalText accepts either takes any text, or any id (a kind a policy
// declares), and is no enum.
var enumProbes = []string{"\x00 not a value", "not_a_value"}

// maxIntEnum bounds the integers tried as values of an enum over an
// integer type: the library's have a handful each, from 0.
const maxIntEnum = 256

// SourceEnums lists the values of the library's text-marshalled types by
// their own MarshalText: an enum over an integer is every integer from 0
// to 255 it writes (in that order), an enum over a string every constant
// of the type its package declares that it writes (in the order of the
// package's files and declarations). The package's source is read from
// the directory of its import path below root, the directory of module
// (the library's module path), so that a value added to an enum is
// described without a list kept beside it. A type of another module, or
// one that writes any value, is not an enum.
func SourceEnums(root, module string) Enums {
	consts := map[string]map[string][]string{} // package path → type name → values
	return func(t reflect.Type) ([]string, error) {
		if !t.Implements(textMarshalerType) {
			return nil, nil
		}
		writes := func(v reflect.Value) (string, bool) {
			b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
			return string(b), err == nil
		}
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v := reflect.New(t).Elem()
			v.SetInt(1 << 20)
			if _, ok := writes(v); ok {
				return nil, nil
			}
			var out []string
			for i := range int64(maxIntEnum) {
				v.SetInt(i)
				if s, ok := writes(v); ok {
					out = append(out, s)
				}
			}
			return out, nil
		case reflect.String:
			v := reflect.New(t).Elem()
			for _, p := range enumProbes {
				v.SetString(p)
				if _, ok := writes(v); ok {
					return nil, nil
				}
			}
			pkg := t.PkgPath()
			if pkg != module && !strings.HasPrefix(pkg, module+"/") {
				return nil, nil
			}
			byType, ok := consts[pkg]
			if !ok {
				var err error
				byType, err = stringConsts(filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/"))))
				if err != nil {
					return nil, err
				}
				consts[pkg] = byType
			}
			var out []string
			for _, c := range byType[t.Name()] {
				v.SetString(c)
				if s, ok := writes(v); ok && !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			return out, nil
		}
		return nil, nil
	}
}

// stringConsts reads the string constants the Go package in dir declares
// with an explicit type, by type name.
func stringConsts(dir string) (map[string][]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				typ, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, val := range vs.Values {
					lit, ok := val.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						return nil, fmt.Errorf("%s: %w", fset.Position(lit.Pos()), err)
					}
					out[typ.Name] = append(out[typ.Name], s)
				}
			}
		}
	}
	return out, nil
}
