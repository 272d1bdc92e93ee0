# Показатели программ, карточка школы (/status), отчёты и аналитическая справка (issue #12).

## Ошибки области и года

indicators-bad-year = Учебный год «{ $input }» не распознан. Напишите его так: 2023/2024 (или 2024).
indicators-year-empty = За { $year } по области «{ $scope }» ничего не хранится: ни результатов, ни идентификации, ни анкет. Загрузите результаты за этот год или выберите другой.
indicators-no-data = По области «{ $scope }» пока нет ни результатов, ни идентификации: загрузите результаты ВПР/ОГЭ/ЕГЭ (шаблон: kurator template results) и запустите /identify.
indicators-no-schools = В области «{ $scope }» нет ни одной школы. Загрузите реестр школ (kurator import schools ФАЙЛ).
indicators-unknown-municipality = Муниципалитета «{ $name }» нет в реестре. Проверьте название (список — в реестре школ).
indicators-foreign-municipality = Муниципалитет «{ $name }» вне вашей области: вы видите только свой муниципалитет.

## Показатели: таблица CLI

indicators-title = Показатели программ — { $scope }, { $year } учебный год
indicators-missing = нет данных: { $reason }
indicators-target = цель { $target }
indicators-on-target = { $ok ->
    [yes] в норме
   *[no] не достигнута
}
