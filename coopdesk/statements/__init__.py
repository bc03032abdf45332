"""Members' statements of account: built as plain data from the book, printed with ReportLab.

The parts, each in its own module: `types` (what a statement says), `queries` (building them
from the book, in bulk: `statements_for`, `statement_for`), `selection` (who gets one),
`language` and `wording` (each statement's words and figures in its member's language),
`layout` and `paging` (where things go on the page), `render`, `slip`, `page` and `fonts`
(drawing with ReportLab), `document` (a PDF of one or many), `joining` (parts drawn in parallel
made one PDF), `files` (safe names, atomic private writes) and `batch` (`write_statements`).
"""
