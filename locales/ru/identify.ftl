# Идентификация школ (issue #4): ШНОР по методике ФИОКО, рисковые школы,
# региональные показатели, ШНСУ. Цитаты правил из seeds хранятся в коде
# (src/domain/identification/citations.ts), здесь — подписи и сообщения.

## Методы

identify-method-fioco = ШНОР (методика ФИОКО)
identify-method-risk = Школы в зоне риска снижения результатов
identify-method-regional = Региональные показатели ШНОР
identify-method-social = ШНСУ (неблагоприятные социальные условия)

## Статусы

identify-status-flagged = входит в перечень
identify-status-clear = не входит в перечень
identify-status-incomplete = не хватает данных для решения

## Критерии ФИОКО (seed 003 §2.1)

identify-criterion-two-procedures = низкие результаты не менее чем по двум процедурам в { $year }
identify-criterion-two-years = низкие результаты хотя бы по одной процедуре и в { $year }, и в { $previousYear }
identify-fioco-note-same-procedure = По правилам региона низкий результат в оба года должен быть по одной и той же процедуре.
identify-fioco-note-threshold = По правилам региона порог низкого результата — { NUMBER($thresholdPercent, maximumFractionDigits: 2) } %, процедура учитывается при числе участников от { $minParticipants }.
identify-fioco-note-min-low = По правилам региона критерий 1 требует низких результатов не менее чем по { $count } { $count ->
    [one] процедуре
   *[other] процедурам
  }.

## Факторы риска (seed 003 §3.2)

identify-criterion-material-base = материально-техническая база: есть отрицательный ответ
identify-criterion-staff = кадровые условия
identify-criterion-contingent = контингент обучающихся
identify-criterion-results = образовательные результаты обучающихся

identify-risk-item-1-1 = 1.1. Устойчивый доступ в Интернет
identify-risk-item-1-2 = 1.2. Обеспеченность компьютерной техникой
identify-risk-item-1-3-physics = 1.3. Оснащенность учебных кабинетов лабораторным оборудованием: физика
identify-risk-item-1-3-chemistry = 1.3. Оснащенность учебных кабинетов лабораторным оборудованием: химия
identify-risk-item-1-3-biology = 1.3. Оснащенность учебных кабинетов лабораторным оборудованием: биология
identify-risk-item-1-3-geography = 1.3. Оснащенность учебных кабинетов лабораторным оборудованием: география
identify-risk-item-1-3-technology = 1.3. Оснащенность учебных кабинетов лабораторным оборудованием: технология
identify-risk-item-2-1 = 2.1. Доля учителей, имеющих нагрузку 36 часов и более от общего числа учителей
identify-risk-item-2-2 = 2.2. Доля учителей, не имеющих диплома о переподготовке по преподаваемому предмету
identify-risk-item-3-1 = 3.1. Доля детей, состоящих на различных видах учета
identify-risk-item-3-2 = 3.2. Доля детей с ОВЗ в общей численности обучающихся
identify-risk-item-3-3 = 3.3. Доля детей инофонов в общей численности обучающихся
identify-risk-item-3-4 = 3.4. Доля детей, систематически пропускающих учебные занятия, в общей численности обучающихся (по данным на октябрь)
identify-risk-item-4-1 = 4.1. Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 4 класс
identify-risk-item-4-2 = 4.2. Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 8 класс
identify-risk-item-4-3 = 4.3. Доля обучающихся, получивших неудовлетворительный результат за ВПР по русскому языку, 4 класс
identify-risk-item-4-4 = 4.4. Доля обучающихся, получивших неудовлетворительный результат за ВПР по русскому языку, 8 класс
identify-risk-item-4-5 = 4.5. Доля неуспевающих из общего числа обучающихся

## Региональные показатели (seed 001)

identify-criterion-lowest-results = в числе 20 % школ с самыми низкими результатами ЕГЭ, ОГЭ и ВПР за 3 года
identify-criterion-continuation-below = менее 60 % обучающихся продолжают обучение в 10 классе
identify-criterion-olympiad-low = 0,5 % и меньше учащихся участвовали в региональных и всероссийских олимпиадах и конкурсах
identify-criterion-oge-rus-failed-above-region = доля не преодолевших минимальный порог ОГЭ по русскому языку выше, чем по региону
identify-criterion-oge-math-failed-above-region = доля не преодолевших минимальный порог ОГЭ по математике выше, чем по региону
identify-criterion-oge-rus-mean-falling = средний балл ОГЭ по русскому языку снижается два года подряд
identify-criterion-oge-math-mean-falling = средний балл ОГЭ по математике снижается два года подряд
identify-criterion-oge-math-failed-rising = доля не преодолевших минимальный порог ОГЭ по математике растёт
identify-criterion-ege-rus-mean-below-region = средний балл ЕГЭ по русскому языку ниже, чем по региону

## ШНСУ

identify-criterion-social-index = индекс социального благополучия ниже порога
identify-social-note-weights = В программах (seeds 001 и 004) формулы индекса нет. Здесь — предложение проекта для комитета: показатели социального паспорта школы, равные веса, индекс от 0 до 1 (больше — благополучнее), порог 0,6; всё это комитет меняет в файле правил (раздел social).
identify-social-indicator-single-parent-families = доля обучающихся из неполных семей
identify-social-indicator-low-income-families = доля обучающихся из малоимущих семей
identify-social-indicator-parents-without-higher-education = доля родителей без высшего образования
identify-social-indicator-pupils-on-registers = доля детей, состоящих на различных видах учёта
identify-social-indicator-pupils-with-sen = доля детей с ОВЗ
identify-social-indicator-non-native-speakers = доля детей-инофонов
identify-social-indicator-families-at-risk = доля обучающихся из семей в социально опасном положении
identify-social-indicator-parents-with-higher-education = доля обучающихся, у которых хотя бы один родитель с высшим образованием
identify-social-indicator-pupils-at-risk = доля обучающихся «группы риска»
identify-social-indicator-support-specialist = педагог-психолог или социальный педагог в школе
identify-social-indicator-extracurricular = доля обучающихся в дополнительном образовании
identify-social-indicator-parents-at-meetings = доля родителей на общешкольных собраниях

## Доказательства и пропуски
## Доли передаются в процентах (0–100): $sharePercent, $valuePercent, $thresholdPercent.

identify-evidence-result = { $procedure }, { $year }: не справились { $failed } из { $participants } — { NUMBER($sharePercent, maximumFractionDigits: 2) } % (порог { NUMBER($thresholdPercent, maximumFractionDigits: 2) } %)
identify-evidence-answer-no = { $item }: «нет»
identify-evidence-answer-share = { $item }: { NUMBER($valuePercent, maximumFractionDigits: 2) } % (порог { NUMBER($thresholdPercent, maximumFractionDigits: 2) } %)
identify-evidence-indicator = { $year }: { $value } при сравнении с { $compareTo }
identify-evidence-index = { $indicator }: { NUMBER($valuePercent, maximumFractionDigits: 2) } %{ $direction ->
        [adverse] {" "}(чем больше, тем хуже: благополучие { NUMBER($wellPercent, maximumFractionDigits: 2) } %)
       *[favourable] {""}
    } × вес { $weight }
identify-missing-year = Нет ни одного результата за { $year }: решения, которые от него зависят, помечены «не хватает данных». Загрузите результаты за { $year } и повторите идентификацию.
identify-missing-school = { $school }: нет данных за { $year } по { $items }. Загрузите их и повторите идентификацию.

## Ошибки запуска

identify-error-year-format = Учебный год «{ $year }» записан неверно. Пишите так: 2023/2024.

## Ошибки файла правил: { $key } — путь к ключу, например fioco.threshold

identify-rules-error-json = Файл правил — не корректный JSON: { $message }. Проверьте запятые и кавычки.
identify-rules-error-fraction = { $key }: доля записывается дробью от 0 до 1 (30 % — это 0.3), а указано { $value }.
identify-rules-error-integer = { $key }: нужно целое число, а указано { $value }.
identify-rules-error-type = { $key }: нужно { $expected ->
        [number] число
        [string] текст в кавычках
        [boolean] true или false
        [array] список в квадратных скобках
        [object] объект в фигурных скобках
       *[other] значение типа { $expected }
    }.
identify-rules-error-too-small = { $key }: значение { $value } меньше допустимого ({ $inclusive ->
        [yes] не меньше { $minimum }
       *[no] больше { $minimum }
    }).
identify-rules-error-too-big = { $key }: значение { $value } больше допустимого ({ $inclusive ->
        [yes] не больше { $maximum }
       *[no] меньше { $maximum }
    }).
identify-rules-error-too-few = { $key }: нужно не меньше { $minimum } { $minimum ->
        [one] элемента
       *[other] элементов
    }.
identify-rules-error-too-many = { $key }: допускается не больше { $maximum } { $maximum ->
    [one] элемента
   *[other] элементов
  }.
identify-rules-error-unknown-key = { $key }: такого ключа нет в файле правил. Проверьте написание (docs/identification-rules.md).
identify-rules-error-not-allowed = { $key }: значение «{ $value }» не допускается; возможные: { $options }.
identify-rules-error-bad-key = { $key }: недопустимое имя ключа.
identify-rules-error-format = { $key }: значение записано в неверном формате.
identify-rules-error-invalid = { $key }: недопустимое значение.
identify-rules-error-academic-year = { $key }: учебный год записывается как 2023/2024, а указано «{ $value }».
identify-rules-error-id-format = { $key }: идентификатор из строчных латинских букв, цифр и дефисов, например vpr-math-5; указано «{ $value }».
identify-rules-error-indicator-name = { $key }: имя показателя — латинскими буквами без пробелов, например singleParentFamilies.
identify-rules-error-duplicate-id = { $key }: идентификатор «{ $id }» уже занят в { $other }. Дайте процедурам разные идентификаторы.
identify-rules-error-procedure-overlap = { $key }: процедура «{ $id }» совпадает с «{ $other }» по виду, классу и предмету — одна строка результатов попала бы в обе. Уточните класс или предмет.
identify-rules-error-no-positive-weight = { $key }: хотя бы у одного показателя вес должен быть больше нуля.
identify-rules-error-more-than-procedures = { $key }: требуется больше процедур, чем есть в списке ({ $count }).
identify-rules-error-more-than-criteria = { $key }: требуется больше критериев, чем включено ({ $count }).

## Запуск и сводка (бот, CLI) — services/identification/, bot/features/identify.ts

identify-unknown-municipality = Муниципалитета № { $id } нет в реестре.
identify-report-gone = Этого запуска нет или его школы вне вашей зоны. Запустите /identify ещё раз.
identify-summary-title = Идентификация школ — { $scope }, { $date }
identify-scope-all = все муниципалитеты
identify-scope-region = весь регион «{ $name }»
identify-summary-schools = Школ в реестре зоны: { $count }.
identify-summary-method = { $method }, { $year }: в перечне { $flagged } из { $evaluated } { $evaluated ->
        [one] школы
       *[other] школ
    }{ $incomplete ->
        [0] {""}
       *[other] ; не хватает данных для решения — { $incomplete }
    }.
identify-summary-first-run = Первый запуск для этой зоны: сравнивать не с чем.
identify-summary-no-change = С прошлого запуска ({ $date }) перечень не изменился.
identify-summary-changes = С прошлого запуска ({ $date }):
identify-summary-entered = вошли: { $schools }
identify-summary-left = вышли: { $schools }
identify-summary-flagged-title = Входят в перечень:
identify-summary-flagged-item = { $code } { $name } — { $criteria }
identify-summary-more = …и ещё { $count } — в полном списке (.xlsx).
identify-summary-no-year = год не определён
identify-no-data-results = { $method }: нет результатов ВПР, ОГЭ и ЕГЭ за нужные годы. Загрузите результаты и повторите идентификацию.
identify-no-data-risk = { $method }: нет данных анкеты «Контекстные данные ОУ». Проведите этот мониторинг в школах, затем повторите идентификацию.
identify-no-data-social = { $method }: ни одна школа ещё не заполнила «Социальный паспорт школы», поэтому индекс социального благополучия не рассчитан. Запустите эту анкету (/launch), затем повторите идентификацию.
identify-not-evaluated = Не проверены — нет данных «Контингент» за { $year } (переход в 10 класс, участники олимпиад): { $criteria }. Загрузите таблицу «Контингент» за этот год (шаблон: /template contingent) и пришлите её боту.
identify-missing-count = Пропуски в данных — у { $count } { $count ->
        [one] школы
       *[other] школ
    }; где они могут изменить решение, статус «не хватает данных». Подробно — в полном списке (.xlsx).
identify-button-xlsx = Полный список (.xlsx)
identify-last-run = Последний запуск: { $date }. Запускают идентификацию координаторы; здесь — её итоги для вашей зоны.
identify-never-run = Идентификация для вашей зоны ещё не проводилась. Её запускает муниципальный координатор командой /identify.
identify-xlsx-caption = Идентификация школ — { $scope }: полный список с основаниями.
identify-xlsx-file-name = identifikatsiya

## /status КОД

identify-status-usage = Пришлите код школы после команды, например: /status sch123456
identify-status-method = { $method } — { $status } (данные { $year }, запуск { $date })
identify-status-undetermined = решение зависит от недостающих данных: { $criteria }
identify-history-entered = { $date } — вошла: { $method } ({ $year })
identify-history-left = { $date } — вышла: { $method } ({ $year })

## Оповещение после загрузки результатов

identify-announce-title = После загрузки результатов изменились перечни школ — { $municipality }:
identify-announce-method = { $method }, { $year }: в перечне { $flagged } из { $evaluated }.
identify-announce-hint = Подробности и полный список — /identify.

## Основания (доказательства)

identify-evidence-answer-value = { $item }: { NUMBER($valuePercent, maximumFractionDigits: 2) } %
identify-evidence-answer-results = { $item }: { $procedure }, { $year }: не справились { $failed } из { $participants } — { NUMBER($valuePercent, maximumFractionDigits: 2) } % (порог { NUMBER($thresholdPercent, maximumFractionDigits: 2) } %)
identify-risk-item-sum = сумма показателей { $items }
identify-evidence-indicator-region = { $procedure }, { $year }: { $value } — { $comparison }, чем по региону ({ $compareTo })
identify-evidence-indicator-previous = { $procedure }, { $year }: { $value } — { $comparison }, чем в { $referenceYear } ({ $compareTo })
identify-evidence-indicator-threshold = { $criterion }, { $year }: { $value } (порог { $compareTo })
identify-evidence-indicator-cut-off = { $year }: сводный показатель за 3 года { $value } (1 — как по региону; больше — хуже) — место { $rank } из { $ranked }, граница худшей пятой части { $compareTo }. Не справились: { $parts }
identify-comparison = { $comparison ->
        [gt] больше
        [ge] не меньше
        [lt] меньше
       *[le] не больше
    }
identify-answer-no = нет
identify-answer-yes = да

## Таблица CLI и файл .xlsx

identify-col-code = Код ОО
identify-col-school = Школа
identify-col-municipality = Муниципалитет
identify-col-status = Статус
identify-col-criteria = Критерии
identify-col-evidence = Основания
identify-col-year = Год
identify-col-procedure = Процедура / показатель
identify-col-participants = Участников
identify-col-failed = Не справились
identify-col-share = Доля / значение
identify-col-threshold = Порог / сравнение
identify-col-undetermined = Зависит от недостающих данных
identify-col-method = Метод
identify-col-rule = Критерий
identify-col-rule-text = Текст правила
identify-col-source = Источник
identify-col-note = Примечание
identify-col-items = Чего не хватает
identify-xlsx-sheet-fioco = ШНОР (ФИОКО)
identify-xlsx-sheet-risk = Зона риска
identify-xlsx-sheet-regional = Региональные показатели
identify-xlsx-sheet-social = ШНСУ
identify-xlsx-sheet-rules = Правила
identify-xlsx-sheet-missing = Пропуски данных
identify-xlsx-heading = { $method } — { $scope }; данные { $year }; запуск { $date }; в перечне { $flagged } из { $evaluated }
identify-xlsx-missing-year = нет ни одного результата за год
identify-rule-definition = определение
identify-cli-saved = Запуск сохранён ({ $date }).
identify-cli-report-written = Полный список записан: { $path }
identify-cli-unknown-method = неизвестный метод «{ $method }»: укажите fioco, risk, regional, social или all
identify-cli-unknown-municipality = муниципалитета «{ $name }» нет в реестре
identify-rules-file-invalid = файл правил «{ $path }» содержит ошибки ({ $count }): { $errors }
identify-cli-no-verdicts = Школ с данными для этого метода нет.

## issue 11: the regional method's list, composite and coverage
identify-rules-error-list-criterion-off = { $key }: критерий «{ $criterion }» указан в listCriteria, но не включён в regional.criteria. Добавьте его в criteria или уберите из listCriteria.
identify-evidence-composite-part = { $kind } { $failed } из { $participants } — { $share } (по региону { $regionShare })
identify-summary-also = также: { $criteria }
identify-coverage-full = Региональные значения рассчитаны по всему региону (данные { $total ->
    [one] всего { $total } муниципалитета
   *[other] всех { $total } муниципалитетов
  }).
identify-coverage-partial = Региональные значения и рейтинг — по загруженным данным ({ $withData } из { $total } { $total ->
        [one] муниципалитета
       *[other] муниципалитетов
    }){ $entered ->
        [yes] ; значения по региону, введённые координатором, использованы вместо рассчитанных
       *[no] {""}
    }.
identify-evidence-answer-corrected = { $item }: { NUMBER($valuePercent, maximumFractionDigits: 2) } % — исправлено в анкете ({ $by }); по загруженным результатам ВПР { $year } было { NUMBER($resultsPercent, maximumFractionDigits: 2) } % ({ $failed } из { $participants }); порог { NUMBER($thresholdPercent, maximumFractionDigits: 2) } %
identify-social-passports = Социальный паспорт заполнен у { $filled } из { $schools } { $schools ->
        [one] школы
       *[other] школ
    }; индекс рассчитан только для них.
identify-evidence-index-yes-no = { $indicator }: { $answer } × вес { $weight }
