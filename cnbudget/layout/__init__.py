"""Layout: split lines into table sections, parse headers, reassemble wrapped rows."""
