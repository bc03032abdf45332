"""The member register: who the members are, their class, their status, their history."""
