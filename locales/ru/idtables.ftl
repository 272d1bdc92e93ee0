## Таблицы для идентификации (issue 11): «Контингент» и официальный перечень ШНОР

idtables-notes-sheet = Пояснения
idtables-error-required = ячейка не заполнена — это обязательный столбец.
idtables-error-year = «{ $value }» — не учебный год. Напишите год как 2023/2024.
idtables-error-count = «{ $value }» — не число человек. Напишите целое число не меньше 0.
idtables-error-continued-above-grade9 = продолжили обучение в 10 классе ({ $continued }) больше, чем обучалось в 9 классе ({ $grade9 }). Проверьте оба числа.
idtables-error-grade9-above-pupils = в 9 классе ({ $grade9 }) больше, чем обучающихся всего ({ $pupils }). Проверьте оба числа.
idtables-error-duplicate = школа { $code } за { $year } уже указана в строке { $first }. Оставьте одну строку.
idtables-error-differs = «{ $value }» отличается от «{ $first }» выше: в одном файле — один перечень (один год и один приказ).
idtables-error-list-no-year = В перечне не указан учебный год (столбец «Учебный год»). Заполните его хотя бы в первой строке.
idtables-error-list-no-order = В перечне не указаны номер и дата приказа (столбцы «Номер приказа» и «Дата приказа»). Заполните их хотя бы в первой строке.

idtables-contingent-sheet = Контингент
idtables-contingent-intro = «Контингент» — данные для двух основных критериев отнесения к ШНРО по материалам Ельнинского района Смоленской области (приказ № 98/1 от 23.06.2020): «Менее 60% обучающихся продолжающих обучение на старшей ступени образования» и «0,5% и ниже учащихся за последние 3 года, принимавших участие в региональных и всероссийских олимпиадах и конкурсах». Одна строка — одна школа за один учебный год; присылайте ежегодно. Повторная загрузка года заменяет строку школы.
idtables-contingent-note-year = Учебный год, например 2023/2024.
idtables-contingent-note-schoolCode = Код школы из реестра (логин ФИС ОКО), например sch123456.
idtables-contingent-note-schoolName = Для удобства; бот сверяет школы по коду.
idtables-contingent-note-pupils = Численность обучающихся школы на конец учебного года.
idtables-contingent-note-grade9 = Обучающихся в 9 классе (все 9 классы школы).
idtables-contingent-note-continuedTo10 = Из них продолжили обучение в 10 классе (в этой или другой школе).
idtables-contingent-note-olympiadSchool = Участников школьного этапа ВсОШ (необязательно; в критерий не входит).
idtables-contingent-note-olympiadMunicipal = Участников муниципального этапа ВсОШ (необязательно; в критерий не входит).
idtables-contingent-note-olympiadRegional = Участников регионального этапа ВсОШ.
idtables-contingent-note-olympiadFinal = Участников заключительного (всероссийского) этапа ВсОШ.
idtables-contingent-note-contests = Участников региональных и всероссийских конкурсов (необязательно).

idtables-official-sheet = Перечень ШНОР
idtables-official-intro = Официальный перечень школ с низкими образовательными результатами (ШНОР) за учебный год, утверждённый приказом. Одна строка — одна школа; год, номер и дату приказа достаточно указать в первой строке. Повторная загрузка перечня за тот же год заменяет прежний.
idtables-official-note-year = Учебный год перечня, например 2024/2025.
idtables-official-note-schoolCode = Код школы из реестра (логин ФИС ОКО).
idtables-official-note-schoolName = Для удобства; бот сверяет школы по коду.
idtables-official-note-orderNumber = Номер приказа, утвердившего перечень, например 412-п.
idtables-official-note-orderDate = Дата приказа, например 15.03.2024.
idtables-error-unknown-code = школы с кодом { $code } нет в реестре. Проверьте код или сначала загрузите школу в реестр.
idtables-error-outside-scope = школа { $code } ({ $municipality }) — вне вашей зоны: загружать её данные может координатор её муниципалитета.
idtables-error-list-empty = В перечне нет ни одной школы: заполните столбец «Код школы».
idtables-region-figure-share = { $key }: «{ $value }» — доля записывается дробью от 0 до 1 (например, 0,08 для 8 %).
idtables-region-figure-score = Средний балл ЕГЭ «{ $value }» должен быть от 0 до 100.
idtables-region-figure-none = Не указано ни одного значения по региону: задайте хотя бы одно из --oge-rus-failed, --oge-math-failed, --ege-rus-mean.
idtables-cli-not-a-number = { $option }: «{ $value }» — не число.
idtables-region-figures-saved = Значения по региону за { $year } сохранены; они будут использоваться вместо рассчитанных по загруженным данным.
idtables-contingent-failed = «Контингент» не загружен: { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }. Ничего не изменено — исправьте файл и пришлите снова.
idtables-contingent-imported = «Контингент» загружен: { $years }; { $schools } { $schools ->
        [one] школа
        [few] школы
       *[many] школ
    } (новых строк { $created }, заменено { $replaced }). Теперь при идентификации по региональным показателям проверяются переход в 10 класс и участие в олимпиадах.
idtables-official-failed = Перечень ШНОР не загружен: { $count } { $count ->
        [one] ошибка
        [few] ошибки
       *[many] ошибок
    }. Ничего не изменено — исправьте файл и пришлите снова.
idtables-official-imported = Официальный перечень ШНОР за { $year } (приказ № { $orderNumber } от { $orderDate }) загружен: { $schools } { $schools ->
        [one] школа
        [few] школы
       *[many] школ
    }{ $replaced ->
        [yes] ; прежний перечень за этот год заменён
       *[no] {""}
    }.
idtables-official-none = Официальный перечень ШНОР не загружен (пришлите файл боту; шаблон: /template official-list).
idtables-official-title = Официальный перечень ШНОР за { $year }: приказ № { $orderNumber } от { $orderDate }.
idtables-computed-none = Идентификация по методике ФИОКО ещё не запускалась — сравнивать не с чем.
idtables-computed-title = Рассчитанный перечень: ФИОКО, данные { $year }.
idtables-both = В обоих перечнях — { $count }:
idtables-only-official = Только в официальном перечне — { $count }:
idtables-only-computed = Только в рассчитанном (в официальный не входят) — { $count }:
idtables-target-set = { $id ->
        [official-list] Школы из перечня ШНОР
        [risk-zone] Зона риска
       *[social] ШНСУ
    } ({ $count })
