# The publication gate (zhanqun check --gate) and check --sites.

gate-risks =
    Note: { $count } veto risks do not block this publication ({ $rules }).
      The gate stops only what must not be published; a column or home page with nothing new, or a blank column, is cured only by publishing, so publishing goes on.
      But the inspectors fail a site for each of them: they must be fixed or updated soon (see the report).
gate-pass = Publication gate: passed, nothing must be fixed before publishing
gate-tally = { $indicator } ({ $rule }) ×{ $count }
gate-blocked =
    Publication gate: blocked. { $count } findings must be fixed before publishing ({ $rules }); nothing is published and the sites keep their last good version.
      Fix the findings listed in the report above and commit again.
gate-unknown-site = “{ $id }” in --sites is not a site of the cluster. Site ids are the file names under sites/; this cluster has: { $known }
gate-unknown-site-near = “{ $id }” in --sites is not a site of the cluster; did you mean “{ $nearest }”? Site ids are the file names under sites/
