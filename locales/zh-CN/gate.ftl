# 发布闸门（zhanqun check --gate）和 check --sites 的提示。

gate-risks =
    注意：有 { $count } 项单项否决风险不阻止这次发布（{ $rules }）。
      发布闸门只拦截不能发布的内容；栏目或首页长期不更新、空白栏目这类风险只有发布新内容才能消除，所以照常发布。
      但检查组会按单项否决处理这些问题，必须尽快修改或补充更新，详见检查报告。
gate-pass = 发布闸门：通过，没有必须修改后才能发布的问题
gate-tally = { $indicator }（{ $rule }）×{ $count }
gate-blocked =
    发布闸门：未通过。有 { $count } 项问题必须修改后才能发布（{ $rules }），本次不发布，网站保持上一次的内容。
      修改上面报告中列出的问题后重新提交即可。
gate-unknown-site = --sites 中的“{ $id }”不是本站群的站点。站点 ID 是 sites/ 目录下各文件的文件名，本站群有：{ $known }
gate-unknown-site-near = --sites 中的“{ $id }”不是本站群的站点，是不是要写“{ $nearest }”？站点 ID 是 sites/ 目录下各文件的文件名
