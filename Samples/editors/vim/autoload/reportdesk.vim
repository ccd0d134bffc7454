vim9script
# ReportDesk for Vim 9: pending reports, one report, its note, resolve/dismiss/undo, all through
# `reportdesk rpc` on a job whose channel speaks Vim's "lsp" mode. Every change carries
# ifVersion, so another writer's change is reported as a conflict (-32002), never overwritten.

const CONFLICT = -32002

var job: job = null_job
var channel: channel = null_channel
var listBuf = -1
var listKeys: list<number> = []
var listVersion = 0
var listLoading = false
var listAgain = false
# key -> {buf, report, stale}
var views: dict<dict<any>> = {}
# versions this editor made, newest last
var undoable: list<number> = []

def Say(message: string, error = false)
  if error
    echohl ErrorMsg
  endif
  echomsg 'ReportDesk: ' .. message
  if error
    echohl None
  endif
enddef

def Describe(err: dict<any>): string
  var text = get(err, 'message', 'error')
  if get(err, 'code', 0) == CONFLICT
    var data = get(err, 'data', {})
    var now = type(data) == v:t_dict ? get(data, 'version', v:null) : v:null
    text = 'conflict: ' .. text .. (now == v:null ? '' : ' (store now at version ' .. now .. ')')
      .. '; nothing was changed'
  endif
  return text
enddef

# The command line: binary (a string or a list), global options, then `rpc`.
def Command(): list<string>
  var binary = get(g:, 'reportdesk_binary', 'reportdesk')
  var cmd: list<string> = type(binary) == v:t_list ? copy(binary) : [binary]
  var store = get(g:, 'reportdesk_store', '')
  if store != ''
    cmd += ['--store', expand(store)]
  endif
  var actor = get(g:, 'reportdesk_actor', '')
  if actor != ''
    cmd += ['--actor', actor]
  endif
  return cmd + ['rpc']
enddef

def OnMessage(ch: channel, message: dict<any>)
  if get(message, 'method', '') == 'store/changed'
    var params = get(message, 'params', {})
    OnChanged(type(params) == v:t_dict ? params : {})
  endif
enddef

def Start(): channel
  if job != null_job && job_status(job) == 'run'
    return channel
  endif
  job = job_start(Command(), {
    in_mode: 'lsp', out_mode: 'lsp', err_io: 'null', noblock: true,
    out_cb: OnMessage,
    exit_cb: (_, status) => {
      if status != 0
        Say('server exited with status ' .. status, true)
      endif
    },
  })
  if job_status(job) != 'run'
    throw 'ReportDesk: cannot start ' .. join(Command())
  endif
  channel = job_getchannel(job)
  autocmd! ReportDesk VimLeavePre
  autocmd ReportDesk VimLeavePre * reportdesk#Stop()
  return channel
enddef

# Sends one request; OnResult(result) runs on success; errors are shown, or given to OnError.
def Call(method: string, params: dict<any>, OnResult: func(any), OnError: any = v:none)
  ch_sendexpr(Start(), {method: method, params: params}, {callback: (_, reply: dict<any>) => {
    if has_key(reply, 'error')
      if type(OnError) == v:t_func
        call(OnError, [reply.error])
      else
        Say(Describe(reply.error), true)
      endif
    else
      OnResult(get(reply, 'result', v:null))
    endif
  }})
enddef

# Text from users: one line, control characters shown as spaces, at most `width` characters.
def OneLine(text: any, width: number): string
  if type(text) != v:t_string
    return ''
  endif
  var line = substitute(text, '[[:cntrl:]]', ' ', 'g')
  if strchars(line) > width
    line = strcharpart(line, 0, width - 1) .. '…'
  endif
  return line
enddef

def When(instant: any): string
  if type(instant) != v:t_string
    return ''
  endif
  return substitute(substitute(instant, 'T', ' ', ''), ':\d\d\ze[Z+-]', '', '')
enddef

def Scratch(name: string): number
  var buf = bufadd(name)
  bufload(buf)
  setbufvar(buf, '&buftype', 'nofile')
  setbufvar(buf, '&bufhidden', 'hide')
  setbufvar(buf, '&swapfile', 0)
  setbufvar(buf, '&buflisted', 1)
  return buf
enddef

def SetLines(buf: number, lines: list<string>)
  setbufvar(buf, '&modifiable', 1)
  deletebufline(buf, 1, '$')
  setbufline(buf, 1, lines)
  setbufvar(buf, '&modifiable', 0)
  setbufvar(buf, '&modified', 0)
enddef

# Shows a list or report buffer in the current window; its keys are mapped the first time.
def ShowInWindow(buf: number)
  if bufnr() != buf
    execute 'silent keepalt buffer ' .. buf
  endif
  if !getbufvar(buf, 'reportdesk_mapped', 0)
    Mappings(buf)
  endif
enddef

def Mappings(buf: number)
  var maps = {n: 'Note', r: 'Resolve', d: 'Dismiss', u: 'Undo', R: 'Reload', q: 'Back'}
  if buf == listBuf
    maps['<CR>'] = 'Open'
  endif
  for [lhs, name] in items(maps)
    execute printf('nnoremap <buffer> <silent> <nowait> %s <Cmd>call reportdesk#%s()<CR>', lhs, name)
  endfor
  setbufvar(buf, 'reportdesk_mapped', 1)
enddef

# After a change this editor made: remember it for undo, re-read what shows it.
def ChangedHere(version: number)
  if version > 0
    undoable->add(version)
  endif
  RefreshList()
  for key in keys(views)
    if bufexists(views[key].buf)
      ReloadReport(str2nr(key), false)
    endif
  endfor
enddef

# The list ------------------------------------------------------------------------------------

def RenderList(result: dict<any>)
  var reports: list<any> = get(result, 'reports', [])
  listVersion = result.version
  var lines = [
    printf('ReportDesk — pending reports by due time · store version %d · %d of %d',
      result.version, len(reports), get(result, 'total', len(reports))),
    '<CR> show  n note  r resolve  d dismiss  u undo  R refresh  q close   (! = past due)',
    '',
  ]
  listKeys = [0, 0, 0]
  for report in reports
    var due = report.pastDue ? 'past due since ' .. When(report.dueAt) : 'due ' .. When(report.dueAt)
    var text = type(report.note) == v:t_string && report.note != '' ? 'note: ' .. report.note : report.details
    lines->add(printf('%s %5d  %-10s %-22s %-34s %s', report.pastDue ? '!' : ' ', report.key,
      report.category, OneLine(report.issueType, 22), due, OneLine(text, 60)))
    listKeys->add(report.key)
  endfor
  if empty(reports)
    lines->add('  no pending reports')
  endif
  SetLines(listBuf, lines)
enddef

def ListDone()
  listLoading = false
  if listAgain
    listAgain = false
    RefreshList()
  endif
enddef

def RefreshList()
  if listBuf < 0 || !bufexists(listBuf)
    return
  endif
  if listLoading
    listAgain = true
    return
  endif
  listLoading = true
  Call('list', {status: ['pending'], sort: 'dueAt', limit: 1000}, (result) => {
    if bufexists(listBuf)
      RenderList(result)
    endif
    ListDone()
  }, (err) => {
    Say(Describe(err), true)
    ListDone()
  })
enddef

# The report under the cursor and the version it was read at, or [0, 0].
def Current(): list<number>
  var buf = bufnr()
  if buf == listBuf
    var key = get(listKeys, line('.') - 1, 0)
    if key == 0
      Say('no report on this line', true)
    endif
    return [key, listVersion]
  endif
  var key = getbufvar(buf, 'reportdesk_key', 0)
  if key != 0 && has_key(views, string(key)) && type(views[string(key)].report) == v:t_dict
    return [key, views[string(key)].report.version]
  endif
  Say('not a ReportDesk list or report buffer', true)
  return [0, 0]
enddef

# Changes -------------------------------------------------------------------------------------

# resolve or dismiss the report under the cursor, if nobody changed it since it was read.
def Process(method: string)
  var [key, seen] = Current()
  if key == 0
    return
  endif
  Call(method, {id: key, ifVersion: seen}, (report) => {
    Say(printf('report %d %s (version %d)', report.key, report.status, report.version))
    ChangedHere(report.version)
  }, (err) => {
    Say(Describe(err), true)
    if err.code == CONFLICT
      RefreshList()
    endif
  })
enddef

export def Resolve()
  Process('resolve')
enddef

export def Dismiss()
  Process('dismiss')
enddef

# Reverts the newest version this editor made (never another writer's).
export def Undo()
  if empty(undoable)
    Say('nothing done from this editor to undo', true)
    return
  endif
  var version = undoable->remove(-1)
  Call('undo', {version: version}, (result) => {
    Say(printf('undid version %d as version %d', get(result, 'undid', version), result.version))
    ChangedHere(0)
  }, (err) => {
    undoable->add(version)
    Say(Describe(err), true)
  })
enddef

# Notes: a buffer holding the note; :write sends it with the version it was read at.
export def SaveNote(buf: number)
  var key = getbufvar(buf, 'reportdesk_key')
  var seen = getbufvar(buf, 'reportdesk_version')
  var text = join(getbufline(buf, 1, '$'), "\n")
  Call('note', {id: key, text: text, ifVersion: seen}, (report) => {
    if bufexists(buf)
      setbufvar(buf, 'reportdesk_version', report.version)
      setbufvar(buf, '&modified', 0)
    endif
    Say(printf('note of report %d saved (version %d)', report.key, report.version))
    ChangedHere(report.version)
  }, (err) => {
    # The buffer keeps the text and stays modified, so nothing typed is lost.
    Say(Describe(err) .. '; your text stays in this buffer', true)
  })
enddef

export def Note()
  var [key, _] = Current()
  if key == 0
    return
  endif
  Call('show', {id: key}, (report) => {
    var name = 'reportdesk://note/' .. report.key
    var buf = bufnr(name)
    if buf < 0
      buf = bufadd(name)
      bufload(buf)
      setbufvar(buf, '&buftype', 'acwrite')
      setbufvar(buf, '&swapfile', 0)
      setbufvar(buf, '&buflisted', 1)
      setbufvar(buf, '&filetype', 'markdown')
      execute printf('autocmd ReportDesk BufWriteCmd <buffer=%d> call reportdesk#SaveNote(%d)', buf, buf)
    endif
    setbufvar(buf, 'reportdesk_key', report.key)
    setbufvar(buf, 'reportdesk_version', report.version)
    deletebufline(buf, 1, '$')
    setbufline(buf, 1, split(type(report.note) == v:t_string ? report.note : '', "\n", true))
    setbufvar(buf, '&modified', 0)
    execute 'belowright split'
    execute 'silent keepalt buffer ' .. buf
    Say(printf('note of report %d: edit, then :write to save it', report.key))
  })
enddef

# One report ----------------------------------------------------------------------------------

def ReportLines(view: dict<any>): list<string>
  var r = view.report
  var lines = [
    printf('Report %d · %s%s · last changed at version %d', r.key, r.status,
      r.pastDue ? ' · PAST DUE' : '', r.version),
    view.stale > 0
      ? printf('! changed elsewhere at version %d — R reloads; changes made here meet a conflict', view.stale)
      : 'n note  r resolve  d dismiss  u undo  R reload  q back to the list',
    '',
  ]
  var Field = (name: string, value: any) => {
    if type(value) == v:t_string && value != ''
      lines->add(printf('%-12s %s', name .. ':', OneLine(value, 200)))
    endif
  }
  var Block = (name: string, text: any) => {
    if type(text) == v:t_string && text != ''
      lines->add(name .. ':')
      for line in split(text, "\n", true)
        lines->add('  ' .. substitute(line, '[[:cntrl:]]', ' ', 'g'))
      endfor
    endif
  }
  Field('report ID', r.reportId)
  Field('category', r.category)
  Field('issue type', r.issueType)
  Field('open ID', r.openId)
  Field('order ID', r.orderId)
  if type(r.screenshot) == v:t_dict
    var shot = r.screenshot
    Field('screenshot', shot.url != v:null ? shot.url : shot.path != v:null ? shot.path : shot.sha256)
  endif
  Field('reported', When(r.reportedAt))
  Field('due', When(r.dueAt) .. (r.pastDue ? '  (past due)' : ''))
  Field('status', r.status)
  Field('processed', When(r.processedAt) .. (r.processedLate ? '  (late)' : ''))
  Block('details', r.details)
  Block('note', r.note)
  if type(r.appeal) == v:t_dict
    Field('appeal', r.appeal.status)
    Block('appeal message', r.appeal.message)
    Block('appeal note', r.appeal.note)
  endif
  return lines
enddef

def RenderReport(key: number)
  var view = get(views, string(key), {})
  if !empty(view) && bufexists(view.buf)
    SetLines(view.buf, ReportLines(view))
  endif
enddef

def ReloadReport(key: number, thenShow: bool)
  Call('show', {id: key}, (report) => {
    var view = get(views, string(report.key), {})
    if empty(view) || !bufexists(view.buf)
      view = {buf: Scratch('reportdesk://report/' .. report.key), report: v:null, stale: 0}
      views[string(report.key)] = view
      setbufvar(view.buf, 'reportdesk_key', report.key)
      setbufvar(view.buf, '&filetype', 'reportdesk')
    endif
    view.report = report
    view.stale = 0
    RenderReport(report.key)
    if thenShow
      ShowInWindow(view.buf)
    endif
  })
enddef

export def Open()
  var [key, _] = Current()
  if key != 0
    ReloadReport(key, true)
  endif
enddef

export def Reload()
  if bufnr() == listBuf
    RefreshList()
  elseif getbufvar(bufnr(), 'reportdesk_key', 0) != 0
    ReloadReport(getbufvar(bufnr(), 'reportdesk_key'), false)
  endif
enddef

export def Back()
  if bufnr() != listBuf && listBuf >= 0 && bufexists(listBuf)
    ShowInWindow(listBuf)
  else
    close
  endif
enddef

# Another writer committed: the list follows; an open report is marked out of date but keeps
# the version it was read at, so acting on what is on screen meets a conflict.
def OnChanged(params: dict<any>)
  RefreshList()
  for key in get(params, 'keys', [])
    var view = get(views, string(key), {})
    if !empty(view) && bufexists(view.buf)
      view.stale = params.version
      RenderReport(key)
    endif
  endfor
enddef

# :ReportDesk — the list of pending reports, soonest due first.
export def List()
  if listBuf < 0 || !bufexists(listBuf)
    listBuf = Scratch('reportdesk://list')
    ShowInWindow(listBuf)
    setlocal filetype=reportdesk
    syntax match ReportDeskPastDue /^!.*/
    highlight default link ReportDeskPastDue ErrorMsg
  endif
  ShowInWindow(listBuf)
  RefreshList()
enddef

# Ends the server the way the protocol asks: shutdown, then exit.
export def Stop()
  if job != null_job && job_status(job) == 'run'
    ch_evalexpr(channel, {method: 'shutdown', params: {}}, {timeout: 2000})
    ch_sendexpr(channel, {method: 'exit', params: {}})
  endif
  job = null_job
enddef

augroup ReportDesk
  autocmd!
augroup END
