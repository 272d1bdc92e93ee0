# Реестр школ в чате и в CLI

registry-empty = Реестр школ пуст. Пришлите файл .xlsx с колонками: Муниципалитет, Код ОО, Наименование, Краткое наименование, Тип, Населённый пункт, Сельская (да/нет). Шаблон: /template schools (в терминале: kurator template schools --out schools.xlsx)
registry-title = Школ в реестре: { $count }
registry-municipality = { $name } — { $count }
registry-school = { $code } · { $name } ({ $details })
registry-rural = сельская
registry-upload-hint = Чтобы обновить реестр, пришлите файл .xlsx (шаблон: /template schools).
registry-imported =
    Реестр школ обновлён{ $sheet }: новых школ — { $created }, изменённых — { $updated }, без изменений — { $unchanged }.{ $municipalities ->
        [0] {""}
       *[other] {" "}Новых муниципалитетов — { $municipalities }.
    }
registry-dry-run =
    Проверка прошла{ $sheet }: было бы новых школ — { $created }, существующих — { $updated }. Ничего не записано (--dry-run).
registry-failed = Реестр не загружен: в файле ошибки ({ $count }). Ничего не записано — исправьте и пришлите файл снова.
registry-sheet = {" "}(лист «{ $name }»)
registry-warnings = Предупреждения:
registry-more-errors = …и ещё { $count }. Все ошибки отмечены в приложенной копии файла.
registry-annotated-caption = Копия файла: ошибочные ячейки выделены красным, в примечаниях — что исправить.
schools-unknown-code = Школы с кодом «{ $code }» нет в реестре.
schools-outside-scope = школа { $code } относится к муниципалитету «{ $municipality }», а он вне вашей зоны ответственности. Уберите строку или попросите регионального координатора.

