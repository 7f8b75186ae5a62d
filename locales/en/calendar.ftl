# The cluster's calendar: its time zone decides which day is today.

calendar-unknown-timezone = timezone `{ $value }` is not a known time-zone name
calendar-unknown-timezone-help = write an IANA time-zone name, e.g. timezone: { $default } (Beijing time, the default), or Asia/Urumqi; without the line Beijing time is used
calendar-diff-scheduled = Scheduled ({ $count }, dated after { $today }: not published yet, not compared)
calendar-diff-side-old = OLD
calendar-diff-side-new = NEW
calendar-diff-col-side = catalog
