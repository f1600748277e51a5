"""Citation styles for the reader, as pybtex formatting-style plugins (see :mod:`.cmos`)."""
