# Checking the links and images of pages.

rewrite-unparsable = the HTML of this page could not be rewritten: { $error }
rewrite-no-such-id = no element with id `{ $id }` on this page
rewrite-md-outside-markdown = links to .md files work only in Markdown pages
rewrite-climbs-out = the link climbs out of the cluster root with `..`
rewrite-no-page-from = no page is built from { $file }
rewrite-scheduled = the page at this address is scheduled for { $date } and not published yet
rewrite-draft = the page at this address is a draft (`draft: true`) and not published
rewrite-nothing-here = no page or file is built at this address
rewrite-missing-image = the image file is not there
rewrite-broken-link-help = link to an existing page with a root-relative URL such as /jyj/zwdt/gzdt/<slug>/, or to a .md file relative to this one
rewrite-broken-image-help = put the image file beside this page's Markdown file (in the same column directory) and refer to it by a relative path, e.g. `![说明](tu.png)`; check the file name and its upper/lower case; attachments go beside the page too, listed under `attachments:` in the front matter
