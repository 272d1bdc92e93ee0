# Дорожные карты (issue 13 §2)

roadmap-deadline-unknown = срок «{ $value }» не распознан. Так можно: { $examples }.
roadmap-deadline-missing = не указан срок. Примеры: { $examples }.
roadmap-title-missing = не указано мероприятие.
roadmap-responsible-missing = не указан ответственный: роль («Комитет»), человек, код школы или «каждая школа из перечня».
roadmap-school-unknown = школы с кодом { $code } нет в реестре ({ $scope }). Проверьте код или загрузите реестр.
roadmap-no-list = мероприятие для «каждой школы из перечня», но перечня ШНОР для «{ $scope }» ещё нет: сначала загрузите результаты и проведите идентификацию (/identify).
roadmap-manage-role = Загружать дорожные карты и возвращать мероприятия в работу может координатор.
roadmap-director = Дорожная карта доступна координаторам и членам комитета; отметить выполнение вашей школы: /roadmap done НОМЕР комментарий.
roadmap-item-unknown = Мероприятия с номером { $id } нет в вашей дорожной карте. Номера — в /roadmap.
roadmap-done-role = Отметить выполнение может ответственная школа или координатор.
roadmap-done-comment = Добавьте комментарий: что сделано. Например: /roadmap done 12 Приказ № 45 от 01.10.2024.
roadmap-already-done = Мероприятие { $number } «{ $title }» уже отмечено выполненным.
roadmap-not-done = Мероприятие { $number } «{ $title }» не отмечено выполненным — возвращать нечего.
roadmap-none = Дорожных карт пока нет. Координатор загружает их файлом .xlsx (шаблон: /template roadmap).
roadmap-title = Дорожная карта «{ $title }» ({ $scope }): выполнено { $done } из { $total }
roadmap-section = { $name }: { $done } из { $total }
roadmap-section-none = Без раздела
roadmap-due-title = Срок в ближайшие 7 дней:
roadmap-overdue-title = Просрочено:
roadmap-item-line = [{ $id }] { $number } { $title } — { $deadline }; { $responsible }
roadmap-usage = /roadmap — ход выполнения; /roadmap done НОМЕР комментарий — отметить выполненным; /roadmap reopen НОМЕР — вернуть в работу (координатор).
roadmap-marked-done = Отмечено выполненным: { $number } «{ $title }».
roadmap-reopened = Возвращено в работу: { $number } «{ $title }».
roadmap-imported = { $dryRun ->
    [yes] Проверка без записи: дорожная карта «{ $title }» ({ $scope })
   *[no] Загружена дорожная карта «{ $title }» ({ $scope })
}: строк { $rows }, мероприятий { $items }{ $fannedOut ->
    [0] {""}
   *[other] , из них по перечню ШНОР разнесено { $fannedOut }
}.
roadmap-import-failed = Дорожная карта не загружена, ничего не записано. Исправьте и отправьте файл ещё раз:
roadmap-reminder-before = Дорожная карта: срок мероприятия { $number } «{ $title }» — до { $date } (ответственный: { $responsible }). Когда будет выполнено: /roadmap done { $id } что сделано.
roadmap-reminder-overdue = Дорожная карта: мероприятие { $number } «{ $title }» просрочено — срок был до { $date } (ответственный: { $responsible }). Если выполнено: /roadmap done { $id } что сделано.
