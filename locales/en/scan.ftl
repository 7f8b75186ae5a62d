# Finding the source files under content/.

scan-not-a-site = `content/{ $name }` is not a site of the cluster
scan-not-a-site-did-you-mean = did you mean content/{ $nearest }/? Otherwise add sites/{ $name }.yaml
scan-not-a-site-help = add sites/{ $name }.yaml or move the files into a site's directory
scan-site-unreadable = the site file { $file } of `content/{ $name }` has mistakes, so the site was not read
scan-site-unreadable-help = fix the mistake in { $file } (another message of the same report names its line and the fix); the pages in this directory then build as usual
scan-cannot-read-content = cannot read content/: { $reason }
scan-cannot-read-content-help = create content/<site-id>/<column>/ directories and put the pages in the column directories
scan-cannot-read = cannot read: { $reason }
scan-cannot-read-help = check permissions and symbolic links
scan-name-not-utf8 = the file name is not valid UTF-8
scan-name-not-utf8-help = rename the file using UTF-8 (English letters, digits and - are safest)
scan-link-outside = symbolic link points outside the cluster root, to { $target }
scan-link-outside-help = copy the file into the repository instead of linking to it
scan-broken-link = broken symbolic link: { $reason }
scan-broken-link-help = remove the link or restore its target
scan-dir-link = symbolic links to directories are not followed
scan-dir-link-help = move the directory into place
scan-page-outside-column = a page must live in a column directory
scan-page-outside-column-help = move it to content/<site>/<column-path>/, e.g. zwdt/gzdt/
scan-page-not-md = `{ $name }` starts with front matter (a `---` line and keys such as title and date), like a page, but its name does not end in .md: it is not built as a page, nor published as a raw file
scan-page-not-md-help = a page's file name ends in .md (any case; .markdown is read too): rename it to `{ $fixed }`; if it really is an attachment, remove the front matter at its start
