// Package schedule reads the schedules conferences publish into a
// program.Program, and writes a program as open schedule formats and an
// agenda. Each format is one file, which reads it, writes it, or both:
//
//   - frab/pentabarf/pretalx schedule XML (frab.go): read and written;
//     pretalx, wafer (DebConf) and old pentabarf (FOSDEM) exports too
//   - c3voc/pretalx schedule JSON (c3voc.go): read and written
//   - iCalendar (ical.go): a program read from .ics (one event a talk);
//     written as an agenda of the talks one plans to see or attended
//   - Sessionize API exports, the All and Sessions views (sessionize.go):
//     read
//   - Indico event exports with their contributions (indico.go): read
//   - confdigest's own model as JSON (model.go): written
//
// Each reader has an Is function that recognises its format by content
// (IsXML, IsJSON, IsICal, IsSessionize, IsIndico). The package does no
// network.
//
// Readers share one path from a format's events to the model (read.go);
// writers share placing each talk in time in the conference's zone
// (events.go).
package schedule
