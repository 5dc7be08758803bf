"""What tracker keeps in the user's cache folder to start faster: the public holidays
(``holidays``) and the parsed rule book (``rulebooks``), each rebuilt when its source changes."""
