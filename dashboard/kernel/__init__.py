"""What every feature shares: one change to one ticket (changes), its SLA clocks
(clocks), its notices (notify, audience), reading what a user may see (reading,
access), files, forms that save once, settings, the store's opening, and sign-in."""
