"""Reminders that reach the user without the tracker being open (``tracker notify``).

``message`` words the reminders, ``ledger`` remembers what each channel announced
today, ``channels`` deliver, ``dispatch`` runs one round, ``install`` sets up the
daily timer. Channels load only when used, so the command line stays fast.
"""
