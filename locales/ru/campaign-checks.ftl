# Запуск и продление мониторинга: предупреждения и повторные вопросы (issue 10)

campaigns-extend-earlier = { $input } — не позже нынешнего срока ({ $deadline }): продлить можно только на более позднюю дату, раньше нынешнего срока нельзя. Пришлите дату позже { $deadline } или /cancel.
campaigns-launch-warn-open = ⚠ Эта анкета уже собирается в { $count } { $count ->
    [one] школе
   *[other] школах
  } из { $total }: мониторинг «{ $title }», срок до { $deadline }. Второй запуск попросит их заполнить её ещё раз.
campaigns-launch-warn-nobody = ⚠ Некому отвечать в { $count } { $count ->
    [one] школе
   *[other] школах
  }: { $schools }. Пригласите представителей этих школ — /invite.
campaigns-launch-warn-nobody-all = ⚠ Ни в одной из выбранных школ нет зарегистрированных представителей: уведомлять некого. Сначала пригласите директоров — /invite.
campaigns-button-files = Файлы школ
campaigns-files-none = Школы пока не прикладывали файлов к этой анкете.
campaigns-file-caption = { $code } { $school } — вопрос { $item }
campaigns-files-more = …и ещё { $count }: за одно нажатие бот присылает первые 30 файлов.
