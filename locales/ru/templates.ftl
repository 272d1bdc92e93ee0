# Шаблоны таблиц в чате: /template (issue 10)

template-usage =
    Какой шаблон прислать?
    /template results — результаты ВПР, ОГЭ, ЕГЭ (с листом кодов ваших школ)
    /template schools — реестр школ
    /template questionnaire — своя анкета
    /template contingent — контингент (переход в 10 класс, олимпиады) для идентификации
    /template roadmap — дорожная карта школы
    /template official-list — официальный перечень ШНОР
template-forbidden = Шаблоны нужны тем, кто загружает таблицы: координаторам и администраторам.
template-caption-results = Шаблон результатов: заполните строки под заголовком (пояснения — в примечаниях к столбцам) и пришлите файл сюда же.
template-caption-schools = Шаблон реестра школ: заполните и пришлите файл сюда же.
template-caption-contingent = Шаблон «Контингент»: пояснения — в примечаниях к столбцам; заполните и пришлите файл сюда же.
template-caption-roadmap = Шаблон дорожной карты: заполните и пришлите файл сюда же.
template-caption-official-list = Шаблон официального перечня ШНОР: заполните и пришлите файл сюда же.
template-caption-questionnaire = Шаблон своей анкеты: примеры строк и пояснения внутри; заполните и пришлите файл сюда же.
cmd-template = Шаблоны таблиц: /template results
