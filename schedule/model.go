package schedule

import (
	"encoding/json"
	"io"

	"github.com/confdigest/confdigest/program"
)

// WriteModel writes confdigest's own model as JSON, with the program file's field
// names, for scripts.
func WriteModel(w io.Writer, p *program.Program) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}
