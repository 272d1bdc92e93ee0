# Командная строка (kurator)
cli-description = «Куратор»: реестр школ, результаты, приглашения и база данных из командной строки.
cli-error = Ошибка: { $message }
cli-file-not-found = файл «{ $path }» не найден
cli-file-unreadable = не удалось прочитать «{ $path }»: { $reason }
cli-unknown-role = неизвестная роль «{ $role }»: укажите coordinator, committee или director
cli-invite-scope-missing = укажите, за что отвечает приглашённый: --school КОД для директора, --municipality «Название» или --region для координатора и члена комитета
cli-invite-created =
    Приглашение № { $id }: { $roleName }, { $scope }, действует до { $expires }.
    { $link }
cli-invite-number-ambiguous = приглашение № { $id } есть в нескольких местах: { $territories }. Номера свои в каждом муниципалитете — добавьте --municipality «Название» (для приглашений на всю область — её название).
cli-invite-code-only =
    Приглашение № { $id }: { $roleName }, { $scope }, действует до { $expires }.
    Код: { $code }
    Задайте BOT_USERNAME (или BOT_TOKEN), чтобы получить готовую ссылку; пока человек может отправить боту: /start { $code }
cli-template-written = Шаблон записан: { $path }
cli-invites-empty = Приглашений нет.
cli-users-empty = Пользователей нет.
cli-out-required = укажите файл: --out ФАЙЛ.xlsx
cli-bad-year = учебный год «{ $year }» не распознан: пишите 2023/2024
cli-bad-kind = процедура «{ $kind }» не распознана: ВПР, ОГЭ или ЕГЭ
cli-results-empty = Результатов не найдено.
cli-help-option = показать справку
cli-help-command = справка по команде
