-- Drives the Neovim integration through its keys, in step with test_editors.py.
-- Environment: REPORTDESK_TEST_BINARY, REPORTDESK_TEST_STORE, REPORTDESK_TEST_SYNC (a folder for
-- the handshake files and result.json). Every wait has a deadline.
local sync = os.getenv('REPORTDESK_TEST_SYNC')
local WAIT = 20000
local observed = { messages = {} }

vim.notify = function(message) table.insert(observed.messages, message) end

local function file_exists(path) return vim.loop.fs_stat(path) ~= nil end

local function signal(name)
  local file = assert(io.open(sync .. '/' .. name, 'w'))
  file:close()
end

local function wait(what, predicate)
  if not vim.wait(WAIT, predicate, 25) then error('timed out waiting for ' .. what) end
end

local function lines(buf) return vim.api.nvim_buf_get_lines(buf or 0, 0, -1, false) end

local function line_of(buf, key)
  for index, line in ipairs(lines(buf)) do
    if line:match('^[! ]%s+(%d+)%s') == tostring(key) then return index end
  end
end

local function message_count(pattern)
  local count = 0
  for _, message in ipairs(observed.messages) do
    if message:find(pattern) then count = count + 1 end
  end
  return count
end

local function on_list_line(list, key)
  vim.api.nvim_set_current_buf(list)
  vim.api.nvim_win_set_cursor(0, { assert(line_of(list, key), 'no line for ' .. key), 0 })
end

local function run()
  vim.g.reportdesk_binary = os.getenv('REPORTDESK_TEST_BINARY')
  vim.g.reportdesk_store = os.getenv('REPORTDESK_TEST_STORE')
  vim.g.reportdesk_actor = 'nvim'
  vim.cmd('runtime plugin/reportdesk.lua')

  vim.cmd('ReportDesk')
  local list = vim.api.nvim_get_current_buf()
  wait('the list', function() return line_of(list, 4) ~= nil end)
  observed.opened = lines(list)

  -- A note written in its buffer and saved with :write.
  on_list_line(list, 1)
  vim.cmd('normal n')
  wait('the note buffer of 1', function() return vim.api.nvim_buf_get_name(0):match('note/1$') end)
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { 'checked in the editor', 'second line' })
  vim.cmd('write')
  wait('the note saved', function() return message_count('note of report 1 saved') == 1 end)
  observed.note_saved_modified = vim.bo.modified
  vim.cmd('close')

  on_list_line(list, 2)
  vim.cmd('normal r')
  wait('2 gone from the list', function() return line_of(list, 2) == nil end)
  observed.after_resolve = lines(list)

  -- Another process resolves 3: the list follows on store/changed.
  signal('listed')
  wait('3 gone from the list', function() return line_of(list, 3) == nil end)
  observed.after_external = lines(list)

  -- Report 4 and its note are read; then another process writes a note on it.
  on_list_line(list, 4)
  vim.cmd('normal \r')
  wait('the report buffer', function() return vim.api.nvim_buf_get_name(0):match('report/4$') end)
  local report = vim.api.nvim_get_current_buf()
  vim.cmd('normal n')
  wait('the note buffer of 4', function() return vim.api.nvim_buf_get_name(0):match('note/4$') end)
  local note = vim.api.nvim_get_current_buf()
  signal('shown')
  wait('the other writer', function() return file_exists(sync .. '/noted') end)
  wait('the report marked out of date', function() return lines(report)[2]:find('changed elsewhere') ~= nil end)
  observed.stale_report = lines(report)

  vim.api.nvim_set_current_buf(report)
  vim.cmd('normal r')
  wait('the conflict on resolve', function() return message_count('conflict') == 1 end)
  vim.api.nvim_set_current_buf(note)
  vim.api.nvim_buf_set_lines(note, 0, -1, false, { 'mine' })
  vim.cmd('write')
  wait('the conflict on the note', function() return message_count('conflict') == 2 end)
  observed.conflict_note_modified = vim.bo[note].modified
  observed.conflict_note_lines = lines(note)

  -- Dismiss 1, then undo twice: the dismissal, then the resolution of 2.
  on_list_line(list, 1)
  vim.cmd('normal d')
  wait('1 gone from the list', function() return line_of(list, 1) == nil end)
  observed.after_dismiss = lines(list)
  vim.cmd('normal u')
  wait('1 back in the list', function() return line_of(list, 1) ~= nil end)
  vim.cmd('normal u')
  wait('2 back in the list', function() return line_of(list, 2) ~= nil end)
  observed.after_undo = lines(list)
end

local ok, err = pcall(run)
observed.error = not ok and tostring(err) or nil
local file = assert(io.open(sync .. '/result.json', 'w'))
file:write(vim.fn.json_encode(observed))
file:close()
require('reportdesk').stop()
vim.wait(200, function() return false end, 50)
vim.cmd(ok and 'qall!' or 'cquit!')
