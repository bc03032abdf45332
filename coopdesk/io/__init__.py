"""Reading and writing the files people bring and take away: member lists, bank exports.

Everything here is pure: a parser takes the file's bytes and returns plain rows plus a list of
problems with line numbers, and never touches a book. The import services decide what to apply,
and apply all rows or none.
"""
