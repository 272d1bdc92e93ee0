# Еженедельная сводка комитета и чаты комитета (issue 13 §1)

## Настройки
config-digest-day = день недели сводки: 1–7 (1 — понедельник), mon…sun или пн…вс, например DIGEST_DAY=1
config-digest-time = время сводки ЧЧ:ММ, например DIGEST_TIME=09:00
config-time-zone = неизвестный часовой пояс; пример: TZ_NAME=Europe/Moscow
config-clock-start = момент в формате ISO 8601 с поясом, например 2026-11-30T06:00:00Z

## Привязка группы
digest-bind-private = Команда /digest here работает в группе комитета: добавьте бота в группу и отправьте её там.
digest-bind-role = Привязать группу к сводке может координатор или член комитета. Попросите их отправить /digest here в этой группе.
digest-bind-stranger = Сводку в группу подключает координатор или член комитета, зарегистрированный в боте.
digest-bound = Группа подключена к еженедельной сводке: { $scope }. Сводка приходит { $when }. /digest — сводка за эту неделю сейчас, /digest off — отключить.
digest-already = Эта группа уже получает сводку: { $scope }. Повторно подключать не нужно; /digest off — отключить.
digest-rebound = Группа переключена: теперь сводка «{ $scope }» (раньше — «{ $previous }»).
digest-unbound = Сводка в этой группе отключена. Подключить снова: /digest here.
digest-unbind-none = Эта группа не получала сводку. Подключить: /digest here.
digest-unbind-foreign = Группа получает сводку другой территории; отключить её может координатор или член комитета этой территории.
digest-not-bound = Эта группа не подключена к сводке. Координатор или член комитета может подключить её командой /digest here.
digest-cannot-post = Бот не может писать в группу «{ $title }»: в ней ему запрещено отправлять сообщения. Разрешите боту писать (или сделайте его администратором) и отправьте /digest here ещё раз.
digest-added = Здравствуйте! Я Куратор. Чтобы эта группа получала еженедельную сводку комитета, координатор или член комитета отправляет здесь /digest here.
digest-group-only = В группе я отвечаю только на команды сводки: /digest, /digest here, /digest off, /roadmap. Остальное — в личных сообщениях со мной.
digest-usage = Команды сводки: /digest — сводка за эту неделю сейчас; в группе: /digest here — подключить группу, /digest off — отключить.
digest-private-none = Сводка строится для координатора или члена комитета — по их территории.
digest-when = { $day } в { $time } ({ $zone })
digest-weekday = { $day ->
    [1] по понедельникам
    [2] по вторникам
    [3] по средам
    [4] по четвергам
    [5] по пятницам
    [6] по субботам
   *[7] по воскресеньям
}

## Сводка
digest-scope-region = { $name } (весь регион)
digest-title = Сводка за неделю · { $scope } · { $from } — { $to }
digest-quiet = Без изменений: за неделю не было загрузок, изменений в перечнях, анкет, мероприятий дорожной карты и движения показателей.
digest-imports-title = Загрузки результатов:
digest-import = • { $file } — { $by }, { $at }: { $rows } { $rows ->
    [one] строка
    [few] строки
   *[many] строк
}
digest-by-cli = командная строка
digest-by-system = система
digest-lists-title = Изменения в перечнях:
digest-lists-title-month = ⭐ Перечни школ — время идентификации (август–октябрь, по программе):
digest-list = { $method }: сейчас { $count } { $count ->
    [one] школа
    [few] школы
   *[many] школ
}
digest-list-whole = { $method }: в перечне { $count } { $count ->
    [one] школа
    [few] школы
   *[many] школ
}
digest-list-unchanged = без изменений за неделю
digest-list-entered = + вошли { $count }: { $names }
digest-list-left = − вышли { $count }: { $names }
digest-and-more = и ещё { $count }
digest-campaigns-title = Анкеты:
digest-campaign = • { $title }: сдали { $submitted } из { $total } (за неделю { $week }), срок { $deadline }
digest-campaign-late = опаздывают { $count }: { $names }
digest-roadmap-title = Дорожная карта «{ $title }»: выполнено { $done } из { $total }
digest-roadmap-done = Выполнено за неделю ({ $count }):
digest-roadmap-due = Срок на этой неделе ({ $count }):
digest-roadmap-overdue = Просрочено ({ $count }):
digest-roadmap-item = • { $number } { $title } — { $deadline }
digest-cut = Сводка не поместилась в одно сообщение: полный список — по кнопке отчёта.
digest-button-report = Перечни школ (.xlsx)
digest-report-sent = Отчёт отправлен вам в личные сообщения.
digest-report-start-first = Сначала напишите боту в личные сообщения (/start), затем нажмите кнопку снова.
digest-report-denied = Отчёт доступен координаторам и членам комитета этой территории.

## Командная строка
cli-digest-preview-municipality = Муниципалитет «{ $name }» не найден. Проверьте название (как в реестре школ).
cli-digest-no-token = Для отправки нужен BOT_TOKEN (и TELEGRAM_API_ROOT для своего сервера Bot API).
cli-digest-sent = Неделя { $week }: отправлено { $sent }, повторится позже { $pending }, не доставлено { $failed }; всего отправлено за неделю { $total }.
cli-digest-usage = Неизвестное действие «{ $action }». Используйте: kurator digest --preview [--municipality НАЗВАНИЕ] или kurator digest send.

## Сводка: показатели, график, кнопки отчёта
digest-indicators-title = Показатели, которые изменились с прошлой сводки ({ $count }):
digest-indicator = • { $title }: { $before } → { $after }{ $mark }
digest-indicator-none = нет данных
digest-indicators-more = …и ещё { $count } { $count ->
    [one] показатель
    [few] показателя
   *[many] показателей
} — в полном отчёте
digest-chart-title = { $scope }: доля «2» / ниже минимума
digest-chart-caption = { $scope }: доля «2» (ВПР) и результатов ниже минимума (ОГЭ, ЕГЭ) по годам, на { $date }
digest-button-workbook = Отчёт (.xlsx)
digest-button-spravka = Справка (.docx)
