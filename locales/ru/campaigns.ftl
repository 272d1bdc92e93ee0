# Мониторинги (кампании): запуск анкеты координатором, выполнение, напоминания, выгрузка.

cmd-campaigns = Мониторинги: выполнение, выгрузка
cmd-launch = Запустить мониторинг (анкету)
cmd-forms = Анкеты моей школы
cmd-pause = Приостановить заполнение анкеты

campaigns-state = { $status ->
    [closed] закрыт
   *[open] идёт
  }
campaigns-version = версия { $version }
campaigns-completion = { $submitted } из { $total } { $total ->
    [one] школы
   *[other] школ
  } { $submitted ->
    [one] отправила
   *[other] отправили
  } анкету
campaigns-school-status = { $status ->
    [submitted] отправлена
    [in-progress] заполняется
   *[not-started] не начата
  }

## Список и выполнение

campaigns-for-coordinators = Мониторинги запускают и ведут координаторы. Анкеты вашей школы — /forms.

campaigns-list-empty = Мониторингов пока нет. Запустить — /launch.
campaigns-list-title = Мониторинги ({ $count }):
campaigns-list-item = № { $id } «{ $title }» — { $submitted } из { $total }, срок до { $deadline }{ $late ->
    [0] {""}
   *[other] , опаздывают: { $late }
  }{ $status ->
    [closed] , закрыт
   *[open] {""}
  }
campaigns-button-view = № { $id } { $title }
campaigns-status-title = Мониторинг № { $id } «{ $title }» ({ campaigns-state })
campaigns-status-questionnaire = Анкета: { $questionnaire }, версия { $version }
campaigns-status-deadline = Срок: до { $deadline }
campaigns-status-completion = Отправили: { $submitted } из { $total }; заполняют: { $inProgress }; не начали: { $notStarted }
campaigns-status-late = Опаздывают ({ $count }): срок прошёл, анкета не отправлена.
campaigns-status-group = { $status ->
    [submitted] Отправили
    [in-progress] Заполняют
   *[not-started] Не начали
  } ({ $count }):
campaigns-status-school = • { $code } { $name } — { $answered } из { $items }{ $late ->
    [yes] , опаздывает
   *[no] {""}
  }
campaigns-status-school-submitted = • { $code } { $name } — { $date }
campaigns-button-export = Выгрузить .xlsx
campaigns-button-extend = Продлить срок
campaigns-button-reopen = Вернуть школе
campaigns-button-close = Закрыть приём
campaigns-button-refresh = Обновить
campaigns-button-close-confirm = Да, закрыть
campaigns-button-cancel = Отмена
campaigns-close-confirm = Закрыть приём ответов по мониторингу «{ $title }»? Отправили { $submitted } из { $total }. Неотправленные анкеты станут недоступны для заполнения.
campaigns-closed-done = Приём ответов по мониторингу «{ $title }» закрыт: отправили { $submitted } из { $total }. Выгрузка — кнопкой «Выгрузить .xlsx».
campaigns-export-caption = Ответы по мониторингу «{ $title }»: по строке на школу, по столбцу на вопрос.
campaigns-reopen-ask = Какой школе вернуть анкету на доработку? Ниже — школы, отправившие анкету.
campaigns-reopen-none = Ни одна школа ещё не отправила анкету — возвращать нечего.
campaigns-reopened = Анкета школы { $school } ({ $code }) возвращена на доработку; представители школы получили сообщение ({ $notified }).
campaigns-extend-ask = Новый срок для «{ $title }» (сейчас — до { $deadline }). Напишите дату в виде ДД.ММ.ГГГГ, например 15.12.2026.
campaigns-extended = Срок мониторинга «{ $title }» — до { $deadline }. Напоминания пересчитаны; школам, не отправившим анкету, отправлено сообщение ({ $notified }).

## Запуск

campaigns-launch-pick = Какую анкету запустить?
campaigns-launch-questionnaire = { $title } — { $items } вопр.{ $conditional ->
    [0] {""}
   *[other] {" "}(+{ $conditional } по условию)
  }{ $builtin ->
    [yes] {""}
   *[no] , своя
  }
campaigns-launch-no-questionnaires = Анкет нет. Пришлите таблицу анкеты .xlsx (шаблон — /template questionnaire в чате или kurator template questionnaire в терминале).
campaigns-launch-schools = Для каких школ? В вашей зоне { $count } { $count ->
    [one] школа
    [few] школы
   *[many] школ
  }.
campaigns-launch-all = Все школы ({ $count })
campaigns-launch-choose = Выбрать школы
campaigns-launch-ask-codes = Пришлите коды школ (как в реестре, например sch710001) через пробел или запятую.
campaigns-launch-no-codes = Не нашёл ни одного кода школы. Пришлите коды через пробел или запятую, например: sch710001, sch710002.
campaigns-launch-ask-deadline = Срок сдачи анкеты? Напишите дату в виде ДД.ММ.ГГГГ, например 01.12.2026. Анкеты принимаются до конца этого дня.
campaigns-launch-ask-reminders = Напоминания школам, не отправившим анкету: по умолчанию за 3 дня и за 1 день до срока и на следующий день после срока. Нажмите «Как обычно» или напишите дни через запятую, например 7, 3, 1, -1 (минус — после срока).
campaigns-launch-reminders-default = Как обычно
campaigns-launch-confirm =
    Запустить мониторинг?
    Анкета: { $title }
    Школ: { $schools }
    Срок: до { $deadline }
    Напоминания: { $reminders }
campaigns-launch-go = Запустить
campaigns-launch-gave-up = Не получилось разобрать ответ. Начните заново — /launch.
campaigns-launched = Мониторинг № { $id } «{ $title }» запущен: школ — { $schools }, срок — до { $deadline }. Уведомлено представителей: { $notified }.
campaigns-launched-without = Школы без зарегистрированных представителей ({ $count }): { $schools }. Пригласите их — /invite.
campaigns-reminder-before-days = за { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
  } до срока
campaigns-reminder-after-days = через { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
  } после срока

## Сообщения школам

campaigns-invitation = Координатор запустил мониторинг «{ $title }» для вашей школы ({ $school }). Срок — до { $deadline }. Нажмите «Заполнить», чтобы начать: вопросы приходят по одному, ответы сохраняются сразу, прерваться можно в любой момент.
campaigns-reminder-before = Напоминание: анкета «{ $title }» ждёт ответов до { $deadline } — { $days ->
    [one] остался { $days } день
    [few] осталось { $days } дня
   *[many] осталось { $days } дней
  }. Нажмите «Заполнить», чтобы продолжить с того места, где остановились.
campaigns-reminder-today = Напоминание: сегодня, { $deadline }, последний день сдачи анкеты «{ $title }». Нажмите «Заполнить», чтобы закончить и отправить её.
campaigns-reminder-after = Срок сдачи анкеты «{ $title }» прошёл { $deadline }, а анкета вашей школы ещё не отправлена. Пожалуйста, заполните и отправьте её как можно скорее.
campaigns-extended-notice = Срок сдачи анкеты «{ $title }» продлён до { $deadline }.
campaigns-reopened-notice = Координатор вернул анкету «{ $title }» вашей школе на доработку. Исправьте ответы и отправьте её снова.

## Ошибки

campaigns-not-found = Мониторинга № { $id } нет в вашей зоне. Список — /campaigns.
campaigns-number-ambiguous = Под № { $id } { $count ->
    [one] { $count } мониторинг
    [few] { $count } мониторинга
   *[many] { $count } мониторингов
  } — номера свои в каждом муниципалитете. Выберите:
campaigns-questionnaire-unknown = Анкеты № { $id } нет.
campaigns-deadline-format = «{ $input }» — не дата. Напишите срок в виде ДД.ММ.ГГГГ, например 01.12.2026.
campaigns-deadline-past = Срок { $input } уже прошёл. Укажите дату не раньше сегодняшней.
campaigns-reminders-format = «{ $input }» — не список дней. Напишите целые числа от { $min } до { $max } через запятую, например 7, 3, 1, -1; 0 не подходит.
campaigns-unknown-schools = { $count ->
    [one] Школы с кодом { $codes } нет в вашей зоне.
   *[other] Школ с кодами { $codes } нет в вашей зоне.
  } Проверьте коды в реестре — /schools.
campaigns-no-schools = В вашей зоне нет школ. Сначала загрузите реестр школ.
campaigns-closed = Приём ответов по мониторингу «{ $title }» уже закрыт.
campaigns-school-not-in-campaign = Школа { $code } не участвует в этом мониторинге.
campaigns-school-not-submitted = Школа { $school } ({ $code }) ещё не отправила анкету — возвращать нечего.

## Выгрузка

campaigns-export-sheet = Ответы
campaigns-export-about-sheet = Сведения
campaigns-export-column-status = Статус анкеты
campaigns-export-column-submitted = Отправлена
campaigns-export-about-campaign = Мониторинг
campaigns-export-about-questionnaire = Анкета
campaigns-export-about-deadline = Срок
campaigns-export-about-status = Приём ответов
campaigns-export-about-completion = Выполнение
campaigns-export-about-items = Вопросов в анкете
campaigns-export-about-exported = Выгружено

## Анкета координатора из таблицы

questionnaire-imported = Анкета «{ $title }» загружена{ $sheet }: версия { $version }, разделов — { $sections }, вопросов — { $items }. Запустить её — /launch.
questionnaire-unchanged = Анкета «{ $title }» не изменилась: это та же версия { $version }. Запустить её — /launch.
questionnaire-dry-run = Таблица анкеты «{ $title }» без ошибок{ $sheet }: разделов — { $sections }, вопросов — { $items }. Будет записана как версия { $version }.
questionnaire-failed = { $count ->
    [one] В таблице анкеты { $count } ошибка
    [few] В таблице анкеты { $count } ошибки
   *[many] В таблице анкеты { $count } ошибок
  } — анкета не загружена. Исправьте и пришлите снова:
