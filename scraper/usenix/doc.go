// Package usenix reads USENIX program pages and presentation pages into a
// program.Program. It does no network: it takes a parsed document and the
// URL it came from.
//
// What the pages look like, from our fixtures of the older eras
// (testdata/usenix) and from real pages of 2021 (Drupal 7, NSDI '21) and
// 2025 (Backdrop, USENIX Security '25):
//
//   - A program page is a list of slots (.paragraphs-item-conference-
//     schedule-slot). A slot may open a day (h2.field-name-field-date-text,
//     "Wednesday, August 13", with no year) and has a time
//     (h3.field-name-field-time-text, "10:00 am–11:30 am", in 2021 followed
//     by "(EDT)"). Its tracks are .field-collection-item-field-tracks, each
//     a .field-name-field-track-title ("Track 1") followed by the session
//     it labels (article.node-session: an h2 title, a chair, a room in
//     .field-name-field-room, then its papers).
//   - A talk is an element with the class node-paper whose heading links
//     its presentation page: /conference/<id>/presentation/<slug> (older
//     eras: /conference/<id>/program/presentation/<slug>, and once
//     /conference/<id>/<slug>). Its people are
//     .field-name-field-paper-people-text ("A and B, <em>Org;</em> C,
//     <em>Org</em>", an award in a paragraph or <strong><em> after them)
//     or, for invited talks, .field-name-field-presented-by, with the
//     speakers' bios in a separate .field-name-field-paper-people. Its
//     abstract is .field-name-field-paper-description-long; a talk of its
//     own time carries .field-name-field-date-and-time-12-hour-.
//   - The media icons (span.usenix-schedule-media.pdf|slides|video) only
//     say which media exist: they link the talk's presentation page, so
//     they are not recorded. The files are on the presentation page:
//     .field-name-field-final-paper-pdf a, .field-name-field-paper-slides-
//     file a, and a YouTube player in .field-name-field-embed-video
//     (recorded as the video's watch URL).
//   - A slot's free text (.field-name-field-additional-text) holds meals,
//     receptions and forums, which link the activities page (#anchors),
//     and now and then a presentation outside any session, such as a test
//     of time award's, linking a paper of an earlier conference
//     (/conference/<other-id>/<slug>), its authors on the line after.
//   - Older eras: times as "7:30 a.m.–5:00 p.m.", "08:00–8:45",
//     "Tuesday, 09:00–09:45 CEST" or ISO attributes
//     (content="2019-03-25T09:00:00-07:00"); days as "Wednesday, 29 August,
//     2018"; "Track 1" as a session's heading.
//
// Because the markup changed many times and may change again, days, times,
// sessions, rooms and tracks are read from the text in document order (the
// walker), with the structure above where it is certain (tracks); talks are
// found by their class or, without it, by the blocks that start with a
// presentation link.
package usenix
