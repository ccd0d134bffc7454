vim9script
# :ReportDesk opens the list of pending reports (see autoload/reportdesk.vim).
if exists('g:loaded_reportdesk')
  finish
endif
g:loaded_reportdesk = 1

import autoload 'reportdesk.vim'

command ReportDesk reportdesk.List()
