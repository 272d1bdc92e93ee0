# Показатели программ, карточка школы (/status), отчёты и аналитическая справка (issue #12).

## Ошибки области и года

indicators-bad-year = Учебный год «{ $input }» не распознан. Напишите его так: 2023/2024 (или 2024).
indicators-year-empty = За { $year } { $kind ->
    [municipality] по муниципалитету
    [school] по школе
   *[region] по области
} «{ $scope }» ничего не хранится: ни результатов, ни идентификации, ни анкет. Загрузите результаты за этот год или выберите другой.
indicators-no-data = { $kind ->
    [municipality] По муниципалитету
    [school] По школе
   *[region] По области
} «{ $scope }» пока нет ни результатов, ни идентификации: загрузите результаты ВПР/ОГЭ/ЕГЭ (шаблон: /template results) и запустите /identify.
indicators-no-schools = { $kind ->
    [municipality] В муниципалитете
   *[region] В области
} «{ $scope }» нет ни одной школы: отчёт и обзор строить не по чему. Загрузите реестр школ — пришлите .xlsx реестра в чат (шаблон: /template schools).
indicators-unknown-municipality = Муниципалитета «{ $name }» нет в реестре. Проверьте название (список — в реестре школ).
indicators-foreign-municipality = Муниципалитет «{ $name }» вне вашей зоны: вы видите только свой муниципалитет.

## Показатели: таблица CLI

indicators-title = Показатели программ — { $scope }, { $year } учебный год
indicators-missing = нет данных: { $reason }
indicators-target = цель { $target }
indicators-on-target = { $ok ->
    [yes] в норме
   *[no] не достигнута
}

## /status: поиск школы

status-unknown-school = Школы «{ $query }» нет в вашей зоне. Пришлите код (sch710102 или 710102) или часть названия, например: /status воскресенск
status-choose = По запросу «{ $query }» { $count ->
    [one] найдена { $count } школа
    [few] найдены { $count } школы
   *[many] найдено { $count } школ
}. Выберите:
status-choose-more = Показаны первые { $shown }; уточните запрос, чтобы увидеть остальные.
status-chart-caption = { $name }: доля «2» (ВПР) и результатов ниже минимума (ОГЭ, ЕГЭ) по годам
status-no-chart = Результатов ВПР/ОГЭ/ЕГЭ по русскому языку и математике у школы пока нет — графика не будет.

## Карточка школы

status-card-title = 🏫 { $name } ({ $code }), { $municipality }
status-card-place = { $settlement } · { $type }
status-card-flags = Перечни:
status-card-flags-never = Школа ещё не попадала ни в один запуск идентификации.
status-card-flag-on = 🔴
status-card-flag-off = 🟢
status-card-flag-incomplete = ⚪
status-card-results = Результаты: доля «2» / ниже минимума, { $year } к прошлому году
status-card-results-none = Результаты: ВПР/ОГЭ/ЕГЭ ещё не загружены.
status-card-trend = { $procedure }: { $share } { $arrow } (было { $previous }, { $previousYear }){ $mean }
status-card-trend-first = { $procedure }: { $share } ({ $year }, сравнить не с чем){ $mean }
status-card-trend-mean = , средний балл { $mean }
status-card-forms = Анкеты:
status-card-forms-none = Анкет школе ещё не направляли.
status-card-form = { $icon } «{ $title }» — { $state ->
    [submitted] отправлена
    [in-progress] заполняется
   *[not-started] не начата
}, срок { $deadline }{ $late ->
    [yes] , просрочена
   *[no] {""}
}
status-card-off-target = Показатели вне цели ({ $year }):
status-card-off-target-item = • { $id } { $title } — { $value } (цель { $target })
status-card-history = История перечней:
status-card-history-empty = В перечни школа не входила.
status-card-more = … и ещё { $count }

## Обзор области

status-overview-title = 📊 { $scope }: { $schools ->
    [one] { $schools } школа
    [few] { $schools } школы
   *[many] { $schools } школ
}
status-overview-methods = Перечни (последний запуск):
status-overview-method = • { $method }, { $year }: { $flagged } из { $evaluated }
status-overview-never = Идентификацию ещё не запускали: /identify
status-overview-campaigns = Анкеты:
status-overview-campaign = • «{ $title }» — { $submitted } из { $total }, срок { $deadline }
status-overview-targets = Показатели с целями ({ $year }):
status-overview-target = { $mark } { $id } { $title } — { $value } (цель { $target })
status-overview-target-missing = ⚪ { $id } { $title } — нет данных
status-overview-schools = Школы, требующие внимания, — первыми (стр. { $page } из { $pages }):
status-overview-school = { $mark } { $code } { $name }{ $flags }{ $late }
status-overview-school-late = , просрочено анкет: { $count }
status-overview-hint = Карточка школы: /status код или часть названия, например /status воскресенск
status-button-prev = ◀ Назад
status-button-next = Дальше ▶
status-cli-png-needs-school = График строится для одной школы: kurator status КОД --png ФАЙЛ.png

## Отчёты (/report, kurator report)

report-xlsx-scope = { $scope }, { $year } учебный год
report-xlsx-list-run = { $method }: { $flagged } из { $evaluated } { $evaluated ->
    [one] школы
   *[other] школ
  }, данные { $year }, запуск { $date }
report-missing-results = Нет результатов ВПР/ОГЭ/ЕГЭ за { $year }: раздел результатов и зависящие от них показатели пусты (загрузите результаты).
report-missing-identification = Нет идентификации «{ $method }» за { $year }: список не составлен (/identify { $year }).
report-missing-campaigns = В { $year } учебном году анкет не проводили: разделы анкет пусты (/launch).
report-xlsx-caption = Отчёт — { $scope }, { $year } учебный год
report-docx-caption = Аналитическая справка — { $scope }, { $year } учебный год
report-usage = /report — отчёт .xlsx; /report справка — аналитическая справка .docx; можно добавить год: /report 2024, /report справка 2023/2024
report-cli-out-required = Укажите файл: kurator report --out отчёт.xlsx (или --docx --out справка.docx).
report-cli-written = Записан { $path }
cmd-report = Отчёт .xlsx и аналитическая справка: /report, /report справка
report-measures-unreadable = Не удалось прочитать файл мер { $path }: проверьте путь.
report-measures-invalid = Файл мер { $path } не подходит: { $problem }. Формат: {"{"} "fioco": [{"{"} "text": "…", "source": "…" {"}"}] {"}"}
status-chart-title = { $name }: доля «2» / ниже минимума
status-chart-threshold = порог ФИОКО 30 %
status-card-official-on = 📋 Официальный перечень ШНОР { $year }: входит (приказ № { $orderNumber } от { $orderDate })
status-card-official-off = 📋 Официальный перечень ШНОР { $year }: не входит

## Дорожная карта на карточке, в обзоре и в отчётах (issue 12 × 13)

status-roadmap-progress = выполнено { $done } из { $total } { $total ->
    [one] мероприятия
   *[other] мероприятий
} · в работе { $open } · просрочено { $overdue }{ $soon ->
    [0] {""}
   *[other] {" "}· срок в ближайшие 7 дней: { $soon }
}
status-card-roadmap = 🗺 Дорожная карта «{ $title }»: { $progress }
status-card-roadmap-none = 🗺 Дорожная карта: не загружена.
status-card-roadmap-empty = 🗺 Дорожная карта: мероприятий, адресованных школе, нет.
status-roadmap-overdue-item = ⏰ { $number } { $title } — срок { $deadline }
status-overview-roadmaps = Дорожные карты:
status-overview-roadmap = • «{ $title }»: { $progress }
status-overview-roadmap-none = Дорожные карты не загружены: координатор присылает .xlsx в чат (шаблон: /template roadmap).
report-missing-roadmap = Дорожной карты за { $year } нет: раздел «Дорожная карта» пуст, показатели 000-5 и 000-6 не рассчитаны (загрузите .xlsx дорожной карты).
report-roadmap-state = { $state ->
    [done] выполнено
    [overdue] просрочено
   *[open] в работе
}
report-roadmap-title = Дорожная карта «{ $title }» ({ $scope }): { $progress }
report-roadmap-section = { $name }: выполнено { $done } из { $total }
report-roadmap-overdue = Просрочено ({ $count }):
report-roadmap-no-section = Без раздела
report-missing-summary = В отчёте { $count ->
    [one] { $count } раздел без данных
    [few] { $count } раздела без данных
   *[many] { $count } разделов без данных
} — он построен по тому, что есть:
report-roadmap-source = Дорожная карта «{ $title }»: мероприятий в границах справки — { $total }, отмечено выполненными — { $done }.

## Аналитическая справка (.docx): фразы с числами (склонение по числу)

report-docx-list = { $name }: из { $evaluated } { $evaluated ->
    [one] школы, прошедшей
   *[other] школ, прошедших
  } идентификацию (данные { $year }, запуск { $date }), { $flagged ->
    [0] в перечень не вошла ни одна.
    [one] в перечень вошла { $flagged }: { $schools }.
   *[other] в перечень вошли { $flagged }: { $schools }.
  }
report-docx-campaign = Анкета «{ $title }»: запущена { $created }, срок { $deadline }, отправили { $submitted } из { $total } { $total ->
    [one] школы
   *[other] школ
  }.
report-docx-run = Идентификация «{ $name }»: запуск { $date } ({ $by ->
    [system] автоматически после загрузки
    [cli] из командной строки
    [unknown] кем — не записано
   *[person] { $person }
  }).
report-docx-indicators-note = Значения рассчитаны Куратором по хранимым данным по формулам программ поддержки школ. Для показателя без данных указано, что нужно для его расчёта.
report-docx-indicators-sources = Номер показателя начинается с номера программы, откуда взяты его формулировка и формула:
report-docx-measure-source = по материалам: { $source }
