package yamlfile

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// userNode encodes a user-owned value (notes, post) as yaml.v3's
// Node.Encode does, writing its multi-line strings as literal blocks the
// way people type them. Node.Encode writes the value as text and reads the
// text back, and a string that text does not keep came back changed (a
// first line break lost) or not at all (a block whose first line starts
// with a tab is an error). So structs are encoded here field by field, their
// strings kept as they are, in maps and lists too; only numbers with a
// fraction, times and other rare values still go through text (encodeValue).
func userNode(v any) (*yaml.Node, error) {
	n, ok := structNode(reflect.ValueOf(v))
	if !ok {
		var err error
		if n, err = encodeValue(v); err != nil {
			return nil, err
		}
	}
	literalBlocks(n)
	return n, nil
}

// structNode is the mapping Node.Encode makes of a struct (or a pointer to
// one); ok is false for one it does not know how to.
func structNode(v reflect.Value) (*yaml.Node, bool) {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch {
		case f.Anonymous:
			return nil, false // inlined or not, as yaml.v3 decides
		case !f.IsExported():
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
			continue
		case opts != "" && opts != "omitempty":
			return nil, false // flow, inline
		case name == "":
			name = strings.ToLower(f.Name)
		}
		fv := v.Field(i)
		if opts == "omitempty" && emptyValue(fv) {
			continue
		}
		n, ok := valueNode(fv)
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, str(name), n)
	}
	return m, true
}

// emptyValue: a value omitempty leaves out, as yaml.v3 decides it.
func emptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return v.IsZero()
}

func valueNode(v reflect.Value) (*yaml.Node, bool) {
	switch v.Kind() {
	case reflect.String:
		return stringNode(v.String())
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}, true
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, true
		}
		return valueNode(v.Elem())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			break // bytes: as yaml.v3 decides
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			n, ok := valueNode(v.Index(i))
			if !ok {
				return nil, false
			}
			seq.Content = append(seq.Content, n)
		}
		return seq, true
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			return mapNode(v)
		}
	}
	n, err := encodeValue(v.Interface()) // numbers with a fraction, times, …
	return n, err == nil
}

// mapNode is a map as Node.Encode gives it: its keys in yaml.v3's order
// (a natural sort: "a2" before "a10"), taken from encoding its keys alone,
// and its values encoded here.
func mapNode(v reflect.Value) (*yaml.Node, bool) {
	keys := make(map[string]any, v.Len())
	for _, k := range v.MapKeys() {
		keys[k.String()] = nil
	}
	n, err := encodeValue(keys)
	if err != nil || n.Kind != yaml.MappingNode || len(n.Content) != 2*v.Len() {
		return nil, false
	}
	for i := 0; i < len(n.Content); i += 2 {
		value := v.MapIndex(reflect.ValueOf(n.Content[i].Value).Convert(v.Type().Key()))
		if !value.IsValid() {
			return nil, false // a key text changed on the way
		}
		vn, ok := valueNode(value)
		if !ok {
			return nil, false
		}
		n.Content[i+1] = vn
	}
	return n, true
}

// encodeValue is Node.Encode with the indent program files have: through
// text, but with four spaces yaml.v3 writes a list's indented block ("|4-")
// that it cannot read back.
func encodeValue(v any) (*yaml.Node, error) {
	text, err := encodeText(v)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 {
		return nil, fmt.Errorf("%T encodes to no value", v)
	}
	return doc.Content[0], nil
}

// stringNode is a string as Node.Encode gives it: double-quoted where
// plain it would read as another type, or as a YAML 1.1 bool ("yes") or
// sexagesimal number ("1:20").
func stringNode(s string) (*yaml.Node, bool) {
	if !utf8.ValidString(s) {
		return nil, false // Node.Encode makes it !!binary
	}
	n := str(s)
	tag, ok := plainTag(s)
	if !ok {
		return nil, false
	}
	if tag != "!!str" || yaml11Plain(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n, true
}

// yaml11Plain: YAML 1.1 reads s, plain, as a bool or a number, and
// yaml.v3 quotes it for such readers.
func yaml11Plain(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return true
	}
	return strings.Contains(s, ":") && sexagesimalRe().MatchString(s)
}

// sexagesimalRe is compiled when first needed, not at every start.
var sexagesimalRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
})
