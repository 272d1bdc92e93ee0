# Загрузка результатов: что заменится, только свои школы, заметки в копии файла (issue 10)

upload-results-only-mine = Загрузить только мои школы ({ $count } { $count ->
    [one] строка
    [few] строки
   *[many] строк
  })
upload-results-values = { $failed } из { $participants }
upload-results-replacement = { $procedure }, { $year }: не справились { $before } → { $after }
upload-results-replacements-title = Что изменится ({ $count ->
    [one] { $count } строка
    [few] { $count } строки
   *[many] { $count } строк
  }, было → станет):
upload-results-replacements-more = …и ещё { $count } — все отмечены в копии файла.
# the command line sends no copy: the whole list is in its JSON output
upload-results-replacements-more-cli = …и ещё { $count } — весь список: та же команда с --json (поле summary.replacements).
upload-results-skipped-outside = Строки школ вне вашей зоны пропущены: { $count }.
upload-preview-copy-caption = Копия файла: жёлтым отмечены строки, которые заменят прежние значения (в примечании — было → станет), и предупреждения.
results-replaces-note = заменит прежнее значение: { $change }
