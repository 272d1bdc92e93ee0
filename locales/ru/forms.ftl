# Анкеты: заполнение директором, проверка ответов, шаблон анкеты координатора, выгрузка.
# Ключи возвращает src/domain/questionnaires/*.

## Типы вопросов

forms-type-yes-no = да/нет
forms-type-integer = целое число
forms-type-decimal = число
forms-type-percent = процент
forms-type-text = текст
forms-type-date = дата
forms-type-single-choice = один из вариантов
forms-type-multiple-choice = несколько вариантов
forms-type-document = реквизиты документа
forms-type-file = файл или фото
forms-type-group = список

## Ход заполнения

forms-progress = Раздел { $section } из { $sections } · вопрос { $item } из { $items }
forms-item-title = { $number }. { $text }
forms-item-title-part = { $number }. { $text } — { $part }
forms-button-yes = Да
forms-button-no = Нет
forms-button-skip = Пропустить
forms-button-back = Назад
forms-button-done = Готово
forms-button-add-row = Добавить ещё
forms-button-finish-list = Завершить список
forms-button-confirm = Подтвердить
forms-button-submit = Отправить
forms-button-edit = Исправить
forms-resume = Продолжим с вопроса { $number }.
forms-review-title = Проверьте ответы перед отправкой
forms-review-section = Раздел { $index }. { $title }
forms-review-missing =
    Не хватает ответов на обязательные вопросы: { $items }.
    Ответьте на них, затем отправьте анкету.
forms-submitted = Анкета «{ $title }» отправлена. Спасибо!
forms-prefill-offer =
    По загруженным результатам ВПР ({ $year }): { $value } % — { $failed } из { $participants } { $participants ->
        [one] участника
       *[other] участников
    } { $failed ->
        [one] получил
       *[other] получили
    } «2».
    Нажмите «Подтвердить» или введите своё значение.

## Подсказки к вводу

forms-ask-yes-no = Ответьте кнопкой «Да» или «Нет».
forms-ask-integer = Введите целое число, например 12.
forms-ask-decimal = Введите число, например 12,5.
forms-ask-percent = Введите число от { $min } до { $max }, например 12,5. Знак % можно не писать.
forms-ask-text = Напишите ответ текстом (до { $max } { $max ->
    [one] символа
   *[other] символов
  }).
forms-ask-date = Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2024.
forms-ask-single-choice = Выберите вариант кнопкой.
forms-ask-multiple-choice = Отметьте подходящие варианты кнопками и нажмите «Готово».
forms-ask-document = Напишите реквизиты одной строкой: номер, дата и название, например «№ 12 от 01.09.2024 Положение о ВСОКО». Если номера нет, напишите «б/н».
forms-ask-file = Пришлите файл или фотографию документа.
forms-ask-group = Заполните список по одной записи. Когда записи закончатся, нажмите «Завершить список».

## Ошибки ввода (вопрос задаётся снова с причиной)

forms-error-empty = Ответ пустой. Напишите ответ или нажмите кнопку под вопросом.
forms-error-not-yes-no = «{ $input }» — не ответ «да» или «нет». Нажмите кнопку «Да» или «Нет».
forms-error-percent-format = «{ $input }» — не число. Введите число от { $min } до { $max }, например 12,5.
forms-error-percent-range = { $value } — вне допустимого: введите число от { $min } до { $max }, например 12,5.
forms-error-percent-not-expected = Здесь нужно число, а не процент. Введите число без знака %.
forms-error-integer-format = «{ $input }» — не целое число. Введите число цифрами, например 12.
forms-error-not-an-integer = Нужно целое число, а не { $input }. Введите, например, 12.
forms-error-number-format = «{ $input }» — не число. Введите число цифрами, например 12 или 12,5.
forms-error-number-range = { $value } — вне допустимого: введите число от { $min } до { $max }.
forms-error-number-too-small = { $value } — слишком мало: введите число не меньше { $min }.
forms-error-number-too-large = { $value } — слишком много: введите число не больше { $max }.
forms-error-too-many-decimals = Слишком много знаков после запятой: допускается не больше { $digits }.
forms-error-not-a-date = «{ $input }» — не дата. Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2024.
forms-error-date-out-of-range = Дата должна быть в пределах с { $min } по { $max }.
forms-error-text-too-long = Ответ слишком длинный: { $length } { $length ->
    [one] символ
    [few] символа
   *[many] символов
  }, допускается не больше { $max }. Сократите ответ.
forms-error-text-too-short = Ответ слишком короткий: нужно не меньше { $min } { $min ->
    [one] символа
   *[other] символов
  }.
forms-error-unknown-option = Варианта «{ $input }» нет. Выберите кнопкой один из вариантов: { $options }.
forms-error-too-few-selected = Отметьте не меньше { $min } { $min ->
    [one] варианта
   *[other] вариантов
  } и нажмите «Готово».
forms-error-too-many-selected = Можно отметить не больше { $max } { $max ->
    [one] варианта
   *[other] вариантов
  }.
forms-error-document-no-title = Не хватает названия документа. Напишите, например: «№ 12 от 01.09.2024 Положение о ВСОКО».
forms-error-document-no-number = Не хватает номера документа. Напишите его после знака №, например «№ 12»; если номера нет — «б/н».
forms-error-document-no-date = Не хватает даты документа. Напишите её после «от», например «от 01.09.2024».
forms-error-document-bad-date = «{ $input }» — не дата. Напишите дату документа в виде ДД.ММ.ГГГГ, например 01.09.2024.
forms-error-file-expected = Здесь нужен файл или фотография: пришлите его сообщением.
forms-error-photo-expected = Здесь нужна фотография: пришлите её как фото.
forms-error-document-expected = Здесь нужен файл документа: пришлите его как файл.
forms-error-group-stepwise = Этот список заполняется по одной записи: ответьте на вопросы о каждой записи по очереди.
forms-error-group-too-few-rows = В списке должно быть не меньше { $min } { $min ->
    [one] записи
   *[other] записей
  }.
forms-error-group-too-many-rows = В списке может быть не больше { $max } { $max ->
    [one] записи
   *[other] записей
  }.
forms-error-group-field-missing = В записи не хватает значения «{ $field }».
forms-error-wrong-value = Ответ не подходит к этому вопросу. Ответьте на вопрос заново.

## Значения в обзоре и выгрузке

forms-value-none = —
forms-value-yes = да
forms-value-no = нет
forms-value-percent = { $value } %
forms-value-with-units = { $value } { $units }
forms-value-nothing-chosen = ничего не выбрано
forms-value-document = { $title }, № { $number } от { $date }
forms-value-document-no-date = { $title }, № { $number }
forms-value-document-no-number = { $title } от { $date }
forms-value-file = файл «{ $name }»
forms-value-photo = фотография
forms-value-group-empty = нет записей
forms-value-group-row = { $index }) { $values }
forms-value-group-field = { $label }: { $value }

## Выгрузка

forms-export-column-school-code = Код ОО
forms-export-column-school-name = Школа
forms-export-item-header = { $number } { $text }
forms-export-item-header-part = { $number } { $text } — { $part }

## Ошибки в описании анкеты

forms-definition-invalid = Вопрос { $item }: ошибка в поле { $path }: { $detail }.
forms-definition-duplicate = Вопрос { $item } встречается в анкете дважды. Номера вопросов не должны повторяться.
forms-definition-mixed-parts = Вопрос { $item } записан и целиком, и по частям. Оставьте что-то одно.
forms-definition-duplicate-field = Вопрос { $item }: поле «{ $field }» в списке повторяется.
forms-definition-duplicate-option = Вопрос { $item }: вариант «{ $option }» повторяется.
forms-definition-bad-range = Вопрос { $item }: нижняя граница больше верхней.
forms-definition-condition-unknown-item = Вопрос { $item }: условие ссылается на вопрос { $target }, которого нет в анкете.
forms-definition-condition-forward = Вопрос { $item }: условие ссылается на вопрос { $target }, который идёт не раньше этого. Условие может зависеть только от предыдущих вопросов.
forms-definition-condition-type = Вопрос { $item }: условие не может проверять вопрос { $target } — на него отвечают не «да/нет», не числом и не выбором варианта.
forms-definition-condition-value = Вопрос { $item }: значение в условии не подходит к вопросу { $target }.

## Анкета координатора из таблицы (.xlsx)

forms-sheet-error-at = Строка { $row }, столбец «{ $column }»: { $message }
forms-sheet-error-at-row = Строка { $row }: { $message }
forms-sheet-empty = В таблице нет ни одного вопроса. Заполните строки под заголовками, начиная со второй.
forms-sheet-section-repeated = Раздел «{ $section }» уже был выше (строка { $first }), а между ними есть другой раздел. Поставьте вопросы раздела подряд.
forms-sheet-number-missing = Не указан номер вопроса. Напишите номер, например 1 или 2.3.
forms-sheet-number-invalid = «{ $value }» — не номер вопроса. Номер состоит из чисел через точку, например 2 или 2.3.
forms-sheet-number-duplicate = Номер { $value } уже есть в строке { $first }. Номера вопросов не должны повторяться.
forms-sheet-text-missing = Не указан текст вопроса.
forms-sheet-type-missing = Не указан тип вопроса. Допустимые типы: да/нет, целое, число, процент, текст, дата, один из, несколько из, реквизиты, файл, список.
forms-sheet-type-unknown = Тип «{ $value }» не распознан. Допустимые типы: да/нет, целое, число, процент, текст, дата, один из, несколько из, реквизиты, файл, список.
forms-sheet-type-limits-invalid = В типе «{ $value }» ошибка в границах. Пишите так: «целое от 1 до 40», «процент до 50», «текст до 500».
forms-sheet-type-limits-unexpected = Для типа «{ $value }» границы не указываются. Границы бывают у типов целое, число, процент и текст.
forms-sheet-required-invalid = «{ $value }» — непонятно, обязателен ли вопрос. Напишите «да» или «нет».
forms-sheet-options-missing = Для вопроса с выбором нужны варианты ответа. Перечислите их через точку с запятой.
forms-sheet-options-too-few = Для вопроса с выбором нужно не меньше двух вариантов. Перечислите их через точку с запятой.
forms-sheet-options-duplicate = Вариант «{ $value }» повторяется. Варианты должны различаться.
forms-sheet-options-unexpected = У вопроса типа «{ $type }» не бывает вариантов. Очистите ячейку или поменяйте тип на «один из» или «несколько из».
forms-sheet-group-fields-missing = Для списка перечислите поля записи, например: «Название (текст); Уровень (один из: школьный, муниципальный); Участников (целое)».
forms-sheet-group-field-syntax = Поле «{ $field }» записано неверно. Пишите так: «Название (текст)» или «Уровень (один из: школьный, муниципальный)».
forms-sheet-group-field-type = У поля «{ $field }» тип «{ $value }» не подходит. В списке допустимы: да/нет, целое, число, процент, текст, дата, один из, несколько из, реквизиты.
forms-sheet-group-field-options = У поля «{ $field }» нужно не меньше двух вариантов через запятую после двоеточия, например «Уровень (один из: школьный, муниципальный)».
forms-sheet-condition-syntax = Условие «{ $value }» не распознано. Пишите так: «6.1 = да», «2.1 > 10», «3 = Городская; Сельская».
forms-sheet-condition-unknown-item = Условие ссылается на вопрос { $item }, которого нет в таблице.
forms-sheet-condition-forward = Условие ссылается на вопрос { $item }, который идёт ниже. Условие может зависеть только от вопросов выше.
forms-sheet-condition-broken-item = Условие ссылается на вопрос { $item }, в строке которого есть ошибка. Исправьте ту строку.
forms-sheet-condition-yes-no = Вопрос { $item } — да/нет: в условии пишите «{ $item } = да» или «{ $item } = нет».
forms-sheet-condition-number = Вопрос { $item } числовой, а «{ $value }» — не число. Пишите, например, «{ $item } > 10».
forms-sheet-condition-choice-operator = Вопрос { $item } — выбор варианта: в условии используйте «=» или «≠», а не сравнение.
forms-sheet-condition-option = У вопроса { $item } нет варианта «{ $value }». Варианты: { $options }.
forms-sheet-condition-type = Условие не может зависеть от вопроса { $item }: это текст, дата, реквизиты, файл или список. Условия бывают по вопросам да/нет, числовым и с выбором.

forms-template-notes =
    Как заполнить шаблон анкеты. Одна строка — один вопрос, вопросы идут по порядку.
    Раздел: название раздела. Пустая ячейка продолжает раздел из строки выше.
    №: номер вопроса как в исходном документе: 1, 2.3, 14.10. Номера не повторяются. Формат ячейки — текстовый, иначе 1.10 превратится в 1.1.
    Вопрос: текст вопроса.
    Тип: да/нет; целое (количество); число (дробное); процент (доля от 0 до 100); текст; дата; один из; несколько из; реквизиты (номер, дата и название документа); файл (документ или фото); список (несколько записей с одинаковыми полями).
    Границы для чисел и текста: «целое от 1 до 40», «процент до 50», «текст до 500».
    Обязательный: да или нет. Пустая ячейка — да. Необязательный вопрос можно пропустить кнопкой «Пропустить».
    Варианты: для «один из» и «несколько из» — варианты через точку с запятой, например «Городская; Сельская».
    Для «список» — поля записи через точку с запятой, тип поля в скобках: «Олимпиада (текст); Уровень (один из: школьный, муниципальный, региональный); Победителей (целое, необязательно)».
    Условие: вопрос показывается, только если выполнено условие на ответ выше. Примеры: «6.1 = да», «2.1 > 10», «2.1 >= 10», «3 = Городская», «3 = Городская; Сельская» (любой из вариантов), «3 ≠ Городская».
    Подсказка: пояснение под вопросом, например, откуда взять данные.

## Заполнение в чате (бот: /forms, вопросы, обзор, отправка)

forms-template-sheet = Анкета
forms-template-notes-sheet = Пояснения

forms-only-directors = Анкеты заполняют представители школ. Координатору — /campaigns.
forms-list-empty = Открытых анкет для вашей школы нет. Когда координатор запустит мониторинг, бот пришлёт приглашение.
forms-list-title = Анкеты вашей школы ({ $count }):
forms-list-item = • «{ $title }» — срок до { $deadline }; отвечено { $answered } из { $items }{ $state ->
    [submitted] , отправлена
    [late] , срок прошёл
    [in-progress] , заполняется
   *[new] {""}
  }
forms-button-open = Заполнить
forms-button-start = Начать
forms-button-continue = Продолжить
forms-button-view = Посмотреть
forms-intro = Анкета «{ $title }», срок — до { $deadline }. Вопросов: { $items }{ $conditional ->
    [0] {""}
   *[other] {" "}(и ещё до { $conditional } — в зависимости от ваших ответов)
  }. Ответы сохраняются сразу; прервать — /pause, продолжить — /forms.
forms-resume-intro = Анкета «{ $title }», срок — до { $deadline }. Продолжим с вопроса { $number }.
forms-paused = Анкета на паузе, ответы сохранены. Продолжить с того же места — /forms.
forms-nothing-to-pause = Сейчас нет открытой анкеты. Ваши анкеты — /forms.
forms-step-limit = Мы долго листаем анкету без ответов, поэтому я её приостановил. Ответы сохранены; продолжить — /forms.

forms-question-section = { $title }
forms-question-section-numbered = Раздел { $number }. { $title }
forms-current-answer = Сейчас в анкете: { $value }. Нажмите «Оставить», чтобы не менять ответ, или ответьте заново.
forms-button-keep = Оставить
forms-saved = ✓ { $number }: { $value }
forms-saved-skipped = ✓ { $number }: пропущен
forms-stale-button = Эта кнопка от другого вопроса — показываю его.
forms-first-item = Это первый вопрос анкеты.
forms-skip-required = Этот вопрос обязательный, его нельзя пропустить.
forms-file-not-expected = Здесь нужен ответ текстом или кнопкой, а не файл.
forms-changed-meanwhile = Пока вы отвечали, ответ на вопрос { $number } изменился (его дал коллега): сейчас «{ $value }». Оставьте его или ответьте заново.
forms-cleared-meanwhile = Пока вы отвечали, ответ на вопрос { $number } изменился. Ответьте на него ещё раз.
forms-item-hidden-meanwhile = Ответ на один из предыдущих вопросов изменился, и этот вопрос больше не задаётся. Продолжаем с первого вопроса без ответа.

forms-group-field = Запись { $row }: { $field }
forms-group-no-rows = Записей пока нет.
forms-group-rows = Записи:
    { $rows }
forms-group-row-added = ✓ Запись { $row } добавлена.
forms-group-use-buttons = Нажмите «Добавить запись», чтобы внести запись, или «Завершить список».
forms-button-add-first-row = Добавить запись
forms-button-cancel-row = Отменить запись

forms-review-form = «{ $title }»
forms-review-section-line = { $name } — { $answered } из { $total }
forms-review-section-line-missing = ⚠ { $name } — { $answered } из { $total }
forms-review-invalid = Ответы на вопросы { $items } не подходят к вопросам анкеты. Исправьте их в разделах выше.
forms-review-ready = Все ответы на месте. Нажмите «Отправить», чтобы сдать анкету. После отправки изменить ответы можно, только если координатор вернёт анкету на доработку.
forms-review-no-answer = нет ответа
forms-review-entry = { $item } — { $value }
forms-review-use-buttons = Выберите раздел кнопкой под обзором, чтобы посмотреть или исправить ответы, или нажмите «Отправить».
forms-button-answer-missing = Ответить на пропущенные
forms-button-to-sections = ← К разделам
forms-submit-incomplete = Анкету не удалось отправить: пока вы её проверяли, в ответах что-то изменилось. Проверьте обзор ещё раз.

forms-not-found = Такой анкеты для вашей школы нет. Ваши анкеты — /forms.
forms-item-unknown = В анкете нет вопроса { $item }.
forms-closed = Приём ответов по анкете «{ $title }» закрыт координатором.
forms-already-submitted = Анкета «{ $title }» уже отправлена. Изменить ответы можно, только если координатор вернёт её на доработку. Посмотреть ответы — /forms.
forms-submitted-view = Анкета «{ $title }» отправлена { $date }. Ваши ответы:
forms-origin = Форма составлена { $origin }.

## Длинный текст, разрезанный Telegram на части (issue 10)

forms-split-paste = Это продолжение длинного сообщения: Telegram разрезал его на части. Ни одна часть не сохранена. Пришлите ответ одним сообщением покороче.
forms-split-paste-first-saved = Это продолжение длинного сообщения: Telegram разрезал его на части. Продолжение не сохранено, а первая часть сохранена как ответ на вопрос { $number } — если ответ обрезан, вернитесь к нему кнопкой «Назад» и пришлите его покороче.
