# Приглашения

invite-ask-role = Кого пригласить?
invite-ask-role-hint = Выберите роль кнопкой под сообщением или отправьте /cancel.
invite-ask-scope = За что будет отвечать { $roleName }?
invite-scope-region = Весь регион
invite-ask-scope-hint = Выберите кнопку под сообщением или отправьте /cancel.
invite-ask-school = Пришлите код школы из реестра (как в ФИС ОКО, например sch123456).
invite-ask-school-again = Школы с кодом «{ $code }» нет в вашей зоне. Проверьте код в /schools и пришлите ещё раз.
invite-ask-school-hint = Пришлите код школы текстом, например sch123456, или /cancel.
invite-gave-up = Не удалось определить школу. Начните заново: /invite
invite-created =
    Приглашение создано: { $roleName }, { $scope }.
    Ссылка (одноразовая, действует до { $expires }):
    { $link }
    Перешлите её человеку: он откроет ссылку и нажмёт «Запустить».
invite-cancel-button = Отмена
invite-list-empty = Приглашений пока нет. Создать — /invite
invite-list-title = Приглашения (последние { $count }):
invite-list-item = № { $id } · { $roleName } · { $scope } · { $state ->
    [active] действует до { $expires }
    [used] использовано{ $usedBy }
    [expired] истекло { $expires }
   *[revoked] отозвано
  }
invite-revoke-button = Отозвать № { $id }
invite-revoked = Приглашение № { $id } отозвано: ссылка больше не работает.
invite-not-found = Приглашение № { $id } не найдено среди ваших.
invite-not-active = Приглашение № { $id } уже не действует ({ $state ->
    [used] использовано
    [expired] истекло
   *[revoked] отозвано
  }): отзывать нечего.
invite-unknown-municipality = Муниципалитета «{ $name }» нет в реестре. Проверьте название в /schools.
invite-unknown-school = Школы с кодом «{ $code }» нет в реестре. Проверьте код в /schools.
invite-forbidden = Такое приглашение вам создать нельзя: приглашать можно только в пределах своей зоны.
users-empty = Пока никого нет.
users-title = Участники ({ $count }):
users-item = { $name }{ $username } — { $roleName }{ $where }
