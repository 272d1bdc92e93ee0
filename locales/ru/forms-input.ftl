# Анкета: что бот понимает вне ответов (issue 10)

forms-input-unsupported = Стикеры, голосовые сообщения и геопозиции анкета не принимает. Ответьте текстом или кнопкой.
forms-left-by-command = Анкета на паузе, ответы сохранены. Продолжить с того же места — /forms.

## Копия отправленной анкеты (.xlsx)
forms-copy-sheet = Анкета
forms-copy-heading = Анкета «{ $title }» — { $school }
forms-copy-submitted = Отправлена: { $date }
forms-copy-column-section = Раздел
forms-copy-column-question = Вопрос
forms-copy-column-answer = Ответ
forms-copy-caption = Копия отправленной анкеты: все вопросы и ваши ответы.
