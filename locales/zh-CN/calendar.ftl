# 站群的日历：时区决定“今天”是哪一天。

calendar-unknown-timezone = timezone 的值“{ $value }”不是可识别的时区名称
calendar-unknown-timezone-help = 请写时区的标准名称，例如 timezone: { $default }（北京时间，默认值），新疆可写 Asia/Urumqi；不写这一行即按北京时间
calendar-diff-scheduled = 定时发布（{ $count } 篇，发布日期晚于 { $today }，尚未发布，不参与比较）
calendar-diff-side-old = 旧目录
calendar-diff-side-new = 新目录
calendar-diff-col-side = 目录
