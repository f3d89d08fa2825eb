"""Service levels as people manage them: policy versions and closure days, the watch
that tells of clocks at risk or breached, and the bulk recompute. (The clock engine
is the kernel's: every change of every ticket recomputes its clocks.)"""
