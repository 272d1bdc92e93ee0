# Реестр школ: проверка строк файла и шаблон (issue #2).

schools-municipality-required = не указан муниципалитет. Впишите название района или округа.
schools-code-required = не указан код ОО. Впишите код школы из ФИС ОКО, например sch123456.
schools-code-format = «{ $code }» — не код ОО. Код ОО в ФИС ОКО выглядит так: sch123456.
schools-name-required = не указано наименование школы.
schools-type-required = не указан тип школы. Выберите одно из значений: { $allowed }.
schools-type-unknown = «{ $value }» — неизвестный тип школы. Выберите одно из значений: { $allowed }.
schools-rural-required = не указано, сельская ли школа. Впишите «да» или «нет».
schools-duplicate-code = код { $code } уже встречался в строке { $first }. У каждой школы свой код: оставьте одну строку.

## Шаблон
schools-template-sheet = Школы
schools-template-notes-sheet = Пояснения
schools-template-notes-column = Столбец
schools-template-notes-content = Что вписывать
schools-template-intro = Одна строка — одна школа. Заголовок можно перенести ниже, а столбцы — переставить; лишние столбцы бот пропустит и предупредит о них. Если хоть одна строка с ошибкой, реестр не загружается: бот перечислит все ошибки с номерами строк и столбцами.
schools-template-note-municipality = Муниципальный район или округ, к которому относится школа.
schools-template-note-code = Код (логин) школы в ФИС ОКО, например sch123456. У каждой школы свой код.
schools-template-note-name = Полное наименование школы.
schools-template-note-short-name = Необязательно: краткое наименование, например «СОШ № 2».
schools-template-note-type = Тип школы: { $allowed }.
schools-template-note-locality = Необязательно: город, село, посёлок.
schools-template-note-rural = «да», если школа сельская, иначе «нет».
