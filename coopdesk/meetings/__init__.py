"""Members' meetings: who may vote, the quorum, attendance at the door and the annual report.

`quorum` (pure) counts what the bylaws ask; `eligibility` derives who may vote on the record
date and why each other member may not; `service` adds meetings and records attendance;
`queries` lists meetings, attendance and the quorum worksheet; `annual_report` gathers the
year's figures from the ledger and the registers for the annual meeting's pack.
"""
