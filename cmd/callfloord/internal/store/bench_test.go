package store

import (
	"bytes"
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkUpdate measures one optimistic write of a case-sized document,
// the cost every coaching event and dispute decision pays, on each
// database; "parallel" has writers on GOMAXPROCS goroutines, each on its
// own record, so that it measures throughput, not conflicts.
func BenchmarkUpdate(b *testing.B) {
	dbs := []struct {
		name  string
		fresh freshDatabase
	}{
		{"sqlite", freshSQLite},
		{"postgres", freshPostgres},
	}
	doc := bytes.Repeat([]byte(`{"event":"talked","by":"lead-07","at":"2025-03-14T09:26:53Z"},`), 30)
	for _, db := range dbs {
		b.Run(db.name, func(b *testing.B) {
			s := openT(b, db.fresh(b))
			ctx := context.Background()
			r := Record{Kind: KindCase, ID: "bench", Subject: "ana", Open: true, Doc: doc, Updated: at}
			if err := s.Create(ctx, r); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(doc)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r.Version = int64(i) + 2
				r.Updated = at.Add(time.Duration(i))
				if err := s.Update(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(db.name+"/parallel", func(b *testing.B) {
			s := openT(b, db.fresh(b))
			ctx := context.Background()
			var writers atomic.Int64
			b.SetBytes(int64(len(doc)))
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				r := Record{Kind: KindCase, ID: fmt.Sprintf("bench-%d", writers.Add(1)), Subject: "ana",
					Open: true, Version: 1, Doc: doc, Updated: at}
				if err := s.Create(ctx, r); err != nil {
					b.Error(err)
					return
				}
				for pb.Next() {
					r.Version++
					if err := s.Update(ctx, r); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
