vim9script
# Drives the Vim integration through its keys, in step with test_editors.py.
# Environment: REPORTDESK_TEST_BINARY, REPORTDESK_TEST_STORE, REPORTDESK_TEST_SYNC (a folder for
# the handshake files and result.json). Every wait has a deadline.

const SYNC = $REPORTDESK_TEST_SYNC
const WAIT = 20.0
var observed: dict<any> = {}

def Signal(name: string)
  writefile([], SYNC .. '/' .. name)
enddef

def Wait(what: string, Predicate: func(): bool)
  var start = reltime()
  while !Predicate()
    if reltimefloat(reltime(start)) > WAIT
      throw 'timed out waiting for ' .. what
    endif
    sleep 25m
  endwhile
enddef

def Lines(buf: number): list<string>
  return getbufline(buf, 1, '$')
enddef

def LineOf(buf: number, key: number): number
  var index = 0
  for line in Lines(buf)
    index += 1
    if matchstr(line, '^[! ]\s\+\zs\d\+\ze\s') == string(key)
      return index
    endif
  endfor
  return 0
enddef

def Messages(): list<string>
  return split(execute('messages'), "\n")->filter((_, line) => line =~ '^ReportDesk: ')
enddef

def Count(pattern: string): number
  return len(Messages()->filter((_, line) => line =~ pattern))
enddef

def OnListLine(list: number, key: number)
  execute 'buffer ' .. list
  var line = LineOf(list, key)
  if line == 0
    throw 'no line for ' .. key
  endif
  cursor(line, 1)
enddef

def Run()
  g:reportdesk_binary = $REPORTDESK_TEST_BINARY
  g:reportdesk_store = $REPORTDESK_TEST_STORE
  g:reportdesk_actor = 'vim'
  runtime plugin/reportdesk.vim

  # The command exists only once the plugin is loaded, after this function was compiled.
  execute 'ReportDesk'
  var list = bufnr()
  Wait('the list', () => LineOf(list, 4) > 0)
  observed.opened = Lines(list)

  # A note written in its buffer and saved with :write.
  OnListLine(list, 1)
  normal n
  Wait('the note buffer of 1', () => bufname() =~ 'note/1$')
  setline(1, ['checked in the editor', 'second line'])
  write
  Wait('the note saved', () => Count('note of report 1 saved') == 1)
  observed.note_saved_modified = &modified
  close

  OnListLine(list, 2)
  normal r
  Wait('2 gone from the list', () => LineOf(list, 2) == 0)
  observed.after_resolve = Lines(list)

  # Another process resolves 3: the list follows on store/changed.
  Signal('listed')
  Wait('3 gone from the list', () => LineOf(list, 3) == 0)
  observed.after_external = Lines(list)

  # Report 4 and its note are read; then another process writes a note on it.
  OnListLine(list, 4)
  execute "normal \<CR>"
  Wait('the report buffer', () => bufname() =~ 'report/4$')
  var report = bufnr()
  normal n
  Wait('the note buffer of 4', () => bufname() =~ 'note/4$')
  var note = bufnr()
  Signal('shown')
  Wait('the other writer', () => filereadable(SYNC .. '/noted'))
  Wait('the report marked out of date', () => get(Lines(report), 1, '') =~ 'changed elsewhere')
  observed.stale_report = Lines(report)

  wincmd p
  if bufnr() != report
    throw 'expected the report window'
  endif
  normal r
  Wait('the conflict on resolve', () => Count('conflict') == 1)
  wincmd p
  setline(1, 'mine')
  write
  Wait('the conflict on the note', () => Count('conflict') == 2)
  observed.conflict_note_modified = getbufvar(note, '&modified')
  observed.conflict_note_lines = Lines(note)
  close!

  # Dismiss 1, then undo twice: the dismissal, then the resolution of 2.
  OnListLine(list, 1)
  normal d
  Wait('1 gone from the list', () => LineOf(list, 1) == 0)
  observed.after_dismiss = Lines(list)
  normal u
  Wait('1 back in the list', () => LineOf(list, 1) > 0)
  normal u
  Wait('2 back in the list', () => LineOf(list, 2) > 0)
  observed.after_undo = Lines(list)
enddef

var failed = false
try
  Run()
catch
  failed = true
  observed.error = v:exception .. ' at ' .. v:throwpoint
endtry
observed.messages = Messages()
writefile([json_encode(observed)], SYNC .. '/result.json')
if failed
  cquit!
endif
qall!
