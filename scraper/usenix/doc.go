// Package usenix reads USENIX program pages and presentation pages into a
// program.Program. It does no network: it takes a parsed document and the
// URL it came from.
//
// What the pages look like, era by era (from pages of every era, our
// fixtures in testdata/usenix, and real pages of 2021 and 2025):
//
//   - A talk is an element with the class node-paper (an article in the
//     Drupal years, a div or article since), whose heading links the
//     presentation page (/conference/<id>/presentation/<slug>, earlier
//     /conference/<id>/program/presentation/<slug>, and once
//     /conference/<id>/<slug>). Its people field (field-paper-people-text,
//     or field-presented-by with the speakers' bios nested in it) names the
//     speakers: "A and B, Org; C, Org" or with each group's affiliation in
//     <em>. Award lines ("Best Paper Award") sit in the same field or in a
//     paragraph of their own. The abstract is the field
//     field-paper-description(-long); media links sit in a group of
//     "available media" icons.
//   - Days are headings with a weekday and a date ("Monday, March 25",
//     "Wednesday, 29 August, 2018"); times are lines such as
//     "7:30 a.m.–5:00 p.m.", "10:45 am–12:05 pm", "08:00–8:45",
//     "Tuesday, 09:00–09:45 CEST", with or without a zone in parentheses,
//     or ISO date attributes (content="2019-03-25T09:00:00-07:00").
//   - A session (node-session) starts with its title, then its room; a
//     track label ("Track 1") may stand before the session it labels.
//
// Because the markup changed many times and may change again, days, times,
// sessions, rooms and tracks are read from the text in document order
// (the walker), and talks are found by their class or, without it, by the
// blocks that start with a presentation link.
package usenix
