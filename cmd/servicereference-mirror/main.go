// Command servicereference-mirror serves a directory of Service
// Authorization Reference documents as the reference's endpoint does, so
// that the provider's service_reference source can read a mirror:
//
//	go run ./cmd/servicereference-mirror -download -dir ./reference   # once, from AWS
//	go run ./cmd/servicereference-mirror -dir ./reference             # serves http://127.0.0.1:8080
//
// then set service_reference_endpoint = "http://127.0.0.1:8080" in the
// provider block (or IAMV2_SERVICE_REFERENCE_ENDPOINT). The directory
// holds each service's document at v1/<service>/<service>.json; the
// index at the root is built from the documents found. Plain http is
// served on a loopback address only, as the provider reads it; elsewhere
// give -cert and -key to serve https.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "servicereference-mirror:", err)
		os.Exit(1)
	}
}

// run parses args and downloads or serves until ctx ends. ready, when set,
// receives the address served.
func run(ctx context.Context, args []string, out io.Writer, ready chan<- string) error {
	flags := flag.NewFlagSet("servicereference-mirror", flag.ContinueOnError)
	flags.SetOutput(out)
	dir := flags.String("dir", "", "the mirror's directory (required)")
	listen := flags.String("listen", "127.0.0.1:8080", "address to serve on")
	cert := flags.String("cert", "", "TLS certificate file, to serve https")
	key := flags.String("key", "", "TLS key file, to serve https")
	download := flags.Bool("download", false, "download the reference into -dir, then exit")
	from := flags.String("from", servicereference.DefaultEndpoint, "the endpoint -download reads")
	wait := flags.Duration("total-wait", 10*time.Minute, "the most -download waits on the endpoint, in total")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *dir == "" || flags.NArg() > 0 {
		flags.Usage()
		return errors.New("give -dir, and no other argument")
	}
	if *download {
		n, err := servicereference.Download(ctx, servicereference.Config{
			Endpoint: *from, UserAgent: httpx.UserAgent("mirror"), Limits: httpx.Limits{TotalWait: *wait},
		}, *dir)
		_, _ = fmt.Fprintf(out, "downloaded %d documents from %s into %s\n", n, *from, *dir)
		return err
	}
	tls := *cert != "" || *key != ""
	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		return fmt.Errorf("-listen %q: %w", *listen, err)
	}
	if !tls && !httpx.IsLoopback(host) {
		return fmt.Errorf("-listen %q is not a loopback address: the provider reads plain http from loopback only, so give -cert and -key to serve https", *listen)
	}
	h, err := servicereference.MirrorHandler(*dir)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	addr := scheme + "://" + ln.Addr().String()
	_, _ = fmt.Fprintf(out, "serving %s at %s: set service_reference_endpoint = %q\n", *dir, addr, addr)
	if ready != nil {
		ready <- addr
	}
	done := make(chan error, 1)
	go func() {
		if tls {
			done <- srv.ServeTLS(ln, *cert, *key)
		} else {
			done <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}
