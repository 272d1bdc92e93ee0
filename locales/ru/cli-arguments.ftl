## Проверка аргументов командной строки (src/cli/arguments.ts); ошибка использования — код выхода 2

cli-usage-error = Ошибка в команде: { $message }
cli-arg-days = --days «{ $value }»: нужно целое число дней от { $min } до { $max }, например --days 7.
cli-arg-id = { $option } «{ $value }»: нужен номер — целое положительное число, например { $option } 12 (номера показывает «kurator invites»).
cli-arg-not-regular-file = «{ $path }» — не обычный файл (устройство, папка или канал). Укажите путь к файлу .xlsx.
cli-arg-commander = { $message } Справка: kurator --help.
