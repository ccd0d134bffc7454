-- ReportDesk for Neovim: pending reports, one report, its note, resolve/dismiss/undo,
-- all through `reportdesk rpc` and Neovim's own JSON-RPC client (vim.lsp.rpc).
-- Every change carries ifVersion, so another writer's change is reported as a
-- conflict (-32002) instead of being overwritten.
local M = {}

local CONFLICT = -32002

M.config = {
  -- The program; a list adds arguments before `rpc` (e.g. { 'reportdesk', '--tz', 'UTC' }).
  binary = vim.g.reportdesk_binary or 'reportdesk',
  -- The store folder; nil leaves it to $REPORTDESK_STORE or the default store.
  store = vim.g.reportdesk_store,
  -- Who acts in the version log; nil leaves it to $REPORTDESK_ACTOR or the login name.
  actor = vim.g.reportdesk_actor,
}

local state = {
  client = nil,
  list = { buf = nil, keys = {}, version = nil, loading = false, again = false },
  reports = {}, -- key -> { buf, report, stale }
  undo = {}, -- versions this editor made, newest last
}

function M.setup(opts)
  M.config = vim.tbl_extend('force', M.config, opts or {})
end

local function say(message, level)
  vim.notify('ReportDesk: ' .. message, level or vim.log.levels.INFO)
end

local function describe(err)
  local text = err.message or tostring(err)
  if err.code == CONFLICT then
    local now = type(err.data) == 'table' and err.data.version or nil
    text = 'conflict: ' .. text .. (now and (' (store now at version ' .. now .. ')') or '')
      .. '; nothing was changed'
  end
  return text
end

-- The command line: binary, global options, then `rpc`.
local function command()
  local cmd = type(M.config.binary) == 'table' and vim.deepcopy(M.config.binary) or { M.config.binary }
  if M.config.store and M.config.store ~= '' then
    vim.list_extend(cmd, { '--store', vim.fn.expand(M.config.store) })
  end
  if M.config.actor and M.config.actor ~= '' then
    vim.list_extend(cmd, { '--actor', M.config.actor })
  end
  table.insert(cmd, 'rpc')
  return cmd
end

local on_changed

local function start()
  if state.client and state.client.alive then
    return state.client.rpc
  end
  local client = { alive = true }
  local dispatchers = {
    notification = function(method, params)
      if method == 'store/changed' then
        vim.schedule(function() on_changed(params or {}) end)
      end
    end,
    on_exit = function(code)
      client.alive = false
      vim.schedule(function()
        if code ~= 0 then say('server exited with status ' .. code, vim.log.levels.WARN) end
      end)
    end,
  }
  local cmd = command()
  local rpc = vim.lsp.rpc
  -- Neovim 0.10 takes the command as one list; 0.7–0.9 take program and arguments apart.
  if vim.fn.has('nvim-0.10') == 1 then
    client.rpc = rpc.start(cmd, dispatchers)
  else
    client.rpc = rpc.start(cmd[1], vim.list_slice(cmd, 2), dispatchers)
  end
  if not client.rpc then
    error('ReportDesk: cannot start ' .. table.concat(cmd, ' '))
  end
  state.client = client
  return client.rpc
end

-- Sends one request; on_result(result) runs on success, errors are shown (or passed to on_error).
local function call(method, params, on_result, on_error)
  start().request(method, params, function(err, result)
    if err then
      if on_error then on_error(err) else say(describe(err), vim.log.levels.ERROR) end
    else
      on_result(result)
    end
  end)
end

-- Text from users: one line, control characters shown as spaces, at most `width` characters.
local function one_line(text, width)
  if type(text) ~= 'string' then return '' end
  text = text:gsub('%c', ' ')
  if vim.fn.strchars(text) > width then
    text = vim.fn.strcharpart(text, 0, width - 1) .. '…'
  end
  return text
end

local function when(instant)
  if type(instant) ~= 'string' then return '' end
  return (instant:gsub('T', ' '):gsub(':%d%d([Z+-])', '%1', 1))
end

local function scratch(name, filetype)
  local buf = vim.fn.bufnr(name)
  if buf == -1 or not vim.api.nvim_buf_is_valid(buf) then
    buf = vim.api.nvim_create_buf(true, true)
    vim.api.nvim_buf_set_name(buf, name)
  end
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'hide'
  vim.bo[buf].swapfile = false
  vim.bo[buf].filetype = filetype
  return buf
end

local function set_lines(buf, lines)
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].modified = false
end

local function show_in_window(buf)
  if vim.api.nvim_get_current_buf() ~= buf then
    vim.api.nvim_win_set_buf(0, buf)
  end
end

local render_list, refresh_list, open_report, reload_report, map_keys

-- After a change this editor made: remember it for undo, re-read what shows it.
local function changed_here(version)
  if version then table.insert(state.undo, version) end
  refresh_list()
  for key, view in pairs(state.reports) do
    if vim.api.nvim_buf_is_valid(view.buf) then reload_report(key) end
  end
end

-- The list --------------------------------------------------------------------------------

render_list = function(result)
  local list = state.list
  local reports = result.reports or {}
  list.version = result.version
  list.keys = {}
  local lines = {
    string.format('ReportDesk — pending reports by due time · store version %s · %d of %d',
      tostring(result.version), #reports, result.total or #reports),
    '<CR> show  n note  r resolve  d dismiss  u undo  R refresh  q close   (! = past due)',
    '',
  }
  for _, report in ipairs(reports) do
    local due = report.pastDue and ('past due since ' .. when(report.dueAt)) or ('due ' .. when(report.dueAt))
    local text = (report.note and report.note ~= '') and ('note: ' .. report.note) or report.details
    table.insert(lines, string.format('%s %5d  %-10s %-22s %-34s %s',
      report.pastDue and '!' or ' ', report.key, report.category, one_line(report.issueType, 22),
      due, one_line(text, 60)))
    list.keys[#lines] = report.key
  end
  if #reports == 0 then table.insert(lines, '  no pending reports') end
  set_lines(list.buf, lines)
end

refresh_list = function()
  local list = state.list
  if not (list.buf and vim.api.nvim_buf_is_valid(list.buf)) then return end
  if list.loading then
    list.again = true
    return
  end
  list.loading = true
  local function done()
    list.loading = false
    if list.again then
      list.again = false
      refresh_list()
    end
  end
  call('list', { status = { 'pending' }, sort = 'dueAt', limit = 1000 }, function(result)
    if vim.api.nvim_buf_is_valid(list.buf) then render_list(result) end
    done()
  end, function(err)
    say(describe(err), vim.log.levels.ERROR)
    done()
  end)
end

local function key_under_cursor()
  local buf = vim.api.nvim_get_current_buf()
  if buf == state.list.buf then
    local key = state.list.keys[vim.api.nvim_win_get_cursor(0)[1]]
    if not key then say('no report on this line', vim.log.levels.WARN) end
    return key, state.list.version
  end
  local key = vim.b[buf].reportdesk_key
  local view = key and state.reports[key]
  if view and view.report then return key, view.report.version end
  say('not a ReportDesk list or report buffer', vim.log.levels.WARN)
end

-- Changes ---------------------------------------------------------------------------------

-- resolve or dismiss the report under the cursor, if nobody changed it since it was read.
local function process(method)
  local key, seen = key_under_cursor()
  if not key then return end
  call(method, { id = key, ifVersion = seen }, function(report)
    say(string.format('report %d %s (version %d)', report.key, report.status, report.version))
    changed_here(report.version)
  end, function(err)
    say(describe(err), vim.log.levels.ERROR)
    if err.code == CONFLICT then refresh_list() end
  end)
end

function M.resolve() process('resolve') end

function M.dismiss() process('dismiss') end

-- Reverts the newest version this editor made (never another writer's).
function M.undo()
  local version = table.remove(state.undo)
  if not version then
    say('nothing done from this editor to undo', vim.log.levels.WARN)
    return
  end
  call('undo', { version = version }, function(result)
    say(string.format('undid version %d as version %d', result.undid or version, result.version))
    changed_here(nil)
  end, function(err)
    table.insert(state.undo, version)
    say(describe(err), vim.log.levels.ERROR)
  end)
end

-- Notes: a buffer holding the note; :write sends it with the version it was read at.
local function save_note(buf)
  local key = vim.b[buf].reportdesk_key
  local seen = vim.b[buf].reportdesk_version
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  call('note', { id = key, text = text, ifVersion = seen }, function(report)
    if vim.api.nvim_buf_is_valid(buf) then
      vim.b[buf].reportdesk_version = report.version
      vim.bo[buf].modified = false
    end
    say(string.format('note of report %d saved (version %d)', report.key, report.version))
    changed_here(report.version)
  end, function(err)
    -- The buffer keeps the text and stays modified, so nothing typed is lost.
    say(describe(err) .. '; your text stays in this buffer', vim.log.levels.ERROR)
  end)
end

function M.note()
  local key = key_under_cursor()
  if not key then return end
  call('show', { id = key }, function(report)
    local name = 'reportdesk://note/' .. report.key
    local buf = vim.fn.bufnr(name)
    if buf == -1 then
      buf = vim.api.nvim_create_buf(true, false)
      vim.api.nvim_buf_set_name(buf, name)
      vim.bo[buf].buftype = 'acwrite'
      vim.bo[buf].swapfile = false
      vim.bo[buf].filetype = 'markdown'
      vim.api.nvim_create_autocmd('BufWriteCmd', {
        buffer = buf,
        callback = function(args) save_note(args.buf) end,
      })
    end
    vim.b[buf].reportdesk_key = report.key
    vim.b[buf].reportdesk_version = report.version
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(report.note or '', '\n', { plain = true }))
    vim.bo[buf].modified = false
    vim.cmd('belowright split')
    vim.api.nvim_win_set_buf(0, buf)
    say(string.format('note of report %d: edit, then :write to save it', report.key))
  end)
end

-- One report ------------------------------------------------------------------------------

local function report_lines(view)
  local r = view.report
  local lines = {
    string.format('Report %d · %s%s · last changed at version %d', r.key, r.status,
      r.pastDue and ' · PAST DUE' or '', r.version),
    view.stale and string.format('! changed elsewhere at version %s — R reloads; changes made here meet a conflict',
      tostring(view.stale)) or 'n note  r resolve  d dismiss  u undo  R reload  q back to the list',
    '',
  }
  local function field(name, value)
    if value ~= nil and value ~= vim.NIL and value ~= '' then
      table.insert(lines, string.format('%-12s %s', name .. ':', one_line(tostring(value), 200)))
    end
  end
  local function block(name, text)
    if type(text) == 'string' and text ~= '' then
      table.insert(lines, name .. ':')
      for _, line in ipairs(vim.split(text, '\n', { plain = true })) do
        table.insert(lines, '  ' .. line:gsub('%c', ' '))
      end
    end
  end
  field('report ID', r.reportId)
  field('category', r.category)
  field('issue type', r.issueType)
  field('open ID', r.openId)
  field('order ID', r.orderId)
  if type(r.screenshot) == 'table' then
    field('screenshot', r.screenshot.url or r.screenshot.path or r.screenshot.sha256)
  end
  field('reported', when(r.reportedAt))
  field('due', when(r.dueAt) .. (r.pastDue and '  (past due)' or ''))
  field('status', r.status)
  field('processed', when(r.processedAt) .. (r.processedLate and '  (late)' or ''))
  block('details', r.details)
  block('note', r.note)
  if type(r.appeal) == 'table' then
    field('appeal', r.appeal.status)
    block('appeal message', r.appeal.message)
    block('appeal note', r.appeal.note)
  end
  return lines
end

local function render_report(key)
  local view = state.reports[key]
  if view and vim.api.nvim_buf_is_valid(view.buf) then set_lines(view.buf, report_lines(view)) end
end

reload_report = function(key, then_show)
  call('show', { id = key }, function(report)
    local view = state.reports[report.key]
    if not (view and vim.api.nvim_buf_is_valid(view.buf)) then
      view = { buf = scratch('reportdesk://report/' .. report.key, 'reportdesk') }
      state.reports[report.key] = view
      vim.b[view.buf].reportdesk_key = report.key
      map_keys(view.buf)
    end
    view.report = report
    view.stale = nil
    render_report(report.key)
    if then_show then show_in_window(view.buf) end
  end)
end

open_report = function()
  local key = key_under_cursor()
  if key then reload_report(key, true) end
end

function M.reload()
  local buf = vim.api.nvim_get_current_buf()
  if buf == state.list.buf then
    refresh_list()
  elseif vim.b[buf].reportdesk_key then
    reload_report(vim.b[buf].reportdesk_key)
  end
end

function M.back()
  local buf = vim.api.nvim_get_current_buf()
  if buf ~= state.list.buf and state.list.buf and vim.api.nvim_buf_is_valid(state.list.buf) then
    show_in_window(state.list.buf)
  else
    vim.cmd('close')
  end
end

-- Another writer committed: the list follows; an open report is marked out of date but keeps
-- the version it was read at, so acting on what is on screen meets a conflict.
on_changed = function(params)
  refresh_list()
  for _, key in ipairs(params.keys or {}) do
    local view = state.reports[key]
    if view and vim.api.nvim_buf_is_valid(view.buf) then
      view.stale = params.version
      render_report(key)
    end
  end
end

map_keys = function(buf)
  local function map(lhs, fn)
    vim.keymap.set('n', lhs, fn, { buffer = buf, silent = true, nowait = true })
  end
  map('n', M.note)
  map('r', M.resolve)
  map('d', M.dismiss)
  map('u', M.undo)
  map('R', M.reload)
  map('q', M.back)
  if buf == state.list.buf then map('<CR>', open_report) end
end

-- :ReportDesk — the list of pending reports, soonest due first.
function M.open()
  local list = state.list
  if not (list.buf and vim.api.nvim_buf_is_valid(list.buf)) then
    list.buf = scratch('reportdesk://list', 'reportdesk')
    map_keys(list.buf)
    vim.api.nvim_buf_call(list.buf, function()
      vim.cmd([[syntax match ReportDeskPastDue /^!.*/]])
      vim.cmd([[highlight default link ReportDeskPastDue ErrorMsg]])
    end)
  end
  show_in_window(list.buf)
  refresh_list()
end

-- Ends the server the way the protocol asks: shutdown, then exit.
function M.stop()
  local client = state.client
  state.client = nil
  if client and client.alive then
    client.rpc.request('shutdown', vim.empty_dict(), function() end)
    client.rpc.notify('exit', vim.empty_dict())
  end
end

return M
