"""Members' statements of account: built as plain data from the book, printed with ReportLab.

Data: `types` (what a statement says), `reading` (the bulk queries), `lines` (postings made
lines), `standing` (standing, amount due and by when), `postal` (addresses for the window),
`queries` (`statements_for`, `statement_for`), `selection` (who gets one).
Words: `language` (each member's language and locale), `labels` (every word, marked for
translation), `wording` (a statement's text in its language).
Pages: `layout` (page setups in mm), `paging` (page breaks), `style`, `fonts`, `page` (a canvas
in mm), `render` and `slip` (drawing).
Files: `document` (one PDF of one or many statements), `joining` (parts drawn in parallel made
one PDF), `files` (safe names, atomic private writes), `batch` (`write_statements`).
"""
