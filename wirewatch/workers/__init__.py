"""wirewatch's processes: the poller, the processor (a Faust app), the alerter, and ``up``."""
