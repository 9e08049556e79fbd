package console

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
)

// TestSecretsNeverLeak runs the whole flow, its retries, a re-sign-in and
// every failure with logging at trace level, then looks for every secret
// the fakes issued (in raw and encoded forms) in the logs, the errors and
// the files written.
func TestSecretsNeverLeak(t *testing.T) {
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	var secrets, texts []string
	dirs := []string{t.TempDir(), t.TempDir()}

	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.CacheDir, cfg.RecordDir = dirs[0], dirs[1]
	fake.Fail("actions", 1, consolefake.Status(503))
	fake.Fail(consolefake.TargetGetSigninToken, 1, consolefake.Kind(consolefake.FaultReset))
	c := newCatalog(t, cfg)
	if _, err := c.Service(ctx, "s3"); err != nil {
		t.Fatal(err)
	}
	fake.ExpireSessions()
	if _, err := c.Service(ctx, "ec2"); err != nil {
		t.Fatal(err)
	}
	tmpl, err := c.ServiceLinkedRoleTemplate(ctx, "autoscaling.amazonaws.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Validate(ctx, string(tmpl)); err != nil {
		t.Fatal(err)
	}
	if fake.Stats().SignIns != 2 {
		t.Fatalf("the scenario should sign in twice: %v", fake.Stats())
	}
	secrets = append(secrets, fake.Secrets()...)

	for _, tc := range failureCases() {
		fake := consolefake.New(t)
		cfg := fakeConfig(fake)
		cfg.Limits.MaxRetries = 1
		tc.setup(fake, &cfg)
		c := newCatalog(t, cfg)
		var err error
		if tc.call != nil {
			err = tc.call(ctx, c)
		} else {
			_, err = c.Services(ctx)
		}
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		texts = append(texts, err.Error())
		secrets = append(secrets, fake.Secrets()...)
		secrets = append(secrets, "forged-session-token-value", "wrong-secret-access-key")
	}

	for _, dir := range dirs {
		entries, _ := os.ReadDir(dir)
		if len(entries) == 0 {
			t.Fatalf("nothing written to %s", dir)
		}
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			texts = append(texts, string(b))
		}
	}
	if !strings.Contains(logs.String(), "console: signed in") || !strings.Contains(logs.String(), "retrying") {
		t.Fatalf("the logs do not show the flow:\n%.2000s", logs.String())
	}
	texts = append(texts, logs.String())
	for _, s := range secrets {
		quoted, _ := json.Marshal(s)
		for _, form := range []string{s, url.QueryEscape(s), strings.Trim(string(quoted), `"`)} {
			for _, text := range texts {
				if strings.Contains(text, form) {
					t.Errorf("secret %.12s... found in %.200q", form, text)
				}
			}
		}
	}
}

func TestLogMasking(t *testing.T) {
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	c := newCatalog(t, Config{})
	c.sec.Add("session-token-abc/def+ghi")
	c.debug(ctx, "message with session-token-abc/def+ghi inside", map[string]any{
		"plain": "session-token-abc/def+ghi", "encoded": "Session=" + url.QueryEscape("session-token-abc/def+ghi"),
	})
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	line, _ := json.Marshal(entries[0])
	if strings.Contains(string(line), "session-token-abc") || strings.Count(string(line), "***") != 3 {
		t.Errorf("secret not masked everywhere: %s", line)
	}
	if got := c.fail("op", ErrBadResponse, 0, nil, "detail session-token-abc/def+ghi").Error(); strings.Contains(got, "session-token") {
		t.Errorf("secret in error: %s", got)
	}
	short := newCatalog(t, Config{})
	short.sec.Add("abc")
	if short.sec.Scrub("abc") != "abc" {
		t.Error("values too short to be secrets must not be masked")
	}
}
