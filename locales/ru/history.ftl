# Журнал изменений школы: /history КОД и kurator history КОД (issue 10)

history-title = Журнал изменений: { $school } ({ $code }), сначала новые
history-empty = Изменений пока не было: результаты загружались только новыми строками, реестр не правили, ответы в анкетах не меняли.
history-truncated = Показаны последние { $count }.
history-via-cli = командная строка
history-via-system = система
history-school-created = школа внесена в реестр
history-school-updated = запись реестра изменена
history-field = { $field ->
    [fullName] наименование
    [shortName] краткое наименование
    [type] тип
    [settlement] населённый пункт
    [rural] сельская
   *[municipalityId] муниципалитет
  }
history-usage = Укажите код школы: /history sch123456
cmd-history = Журнал изменений школы: /history КОД
history-answer-changed = анкета «{ $campaign }», вопрос { $number }: «{ $before }» → «{ $after }»
history-answer-item = { $number } «{ $text }»
history-form-submitted = анкета «{ $campaign }» отправлена ({ $answers } { $answers ->
    [one] ответ
    [few] ответа
   *[many] ответов
  })
history-form-reopened = анкета «{ $campaign }» возвращена на доработку
