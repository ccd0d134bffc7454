-- :ReportDesk opens the list of pending reports (see lua/reportdesk.lua).
if vim.g.loaded_reportdesk then return end
vim.g.loaded_reportdesk = true

vim.api.nvim_create_user_command('ReportDesk', function() require('reportdesk').open() end,
  { desc = 'ReportDesk: pending reports by due time' })

vim.api.nvim_create_autocmd('VimLeavePre', {
  callback = function()
    local loaded = package.loaded['reportdesk']
    if loaded then loaded.stop() end
  end,
})
