// Package htmlmd turns HTML fragments into the Markdown the program file
// stores: abstracts with paragraphs one per line, "* " bullets, emphasis,
// code, and links made absolute. Scripts, forms, embeds and field labels
// ("Abstract:") are left out, and a link that a post could not follow
// (javascript:, data:) is dropped. It also cleans text for one-line fields.
// The conversion itself is html-to-markdown's.
package htmlmd
