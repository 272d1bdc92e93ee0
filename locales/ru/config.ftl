# Ошибки настройки (переменные окружения, .env)
config-error = Ошибка настройки: { $details }
config-telegram-ids = ожидаются числовые Telegram id через запятую, например 12345,67890
config-url = ожидается адрес вида https://…
config-bot-token-missing = не задан: получите токен у @BotFather и впишите его в .env (BOT_TOKEN=…)
config-bot-token-invalid = не похож на токен бота (вид: 123456789:AA…); проверьте .env
config-database-url = ожидается адрес вида postgresql://user:password@host:5432/db
config-webhook-secret = от 16 до 256 символов: латиница, цифры, _ и -
config-webhook-secret-required = обязателен при WEBHOOK_URL: Telegram пришлёт его в заголовке X-Telegram-Bot-Api-Secret-Token
config-bot-username = имя бота латиницей без пробелов, например kurator_bot
config-bot-api-retry-ms = пауза перед повтором запроса к Bot API в миллисекундах, целое от 10 до 60000, например BOT_API_RETRY_MS=1000
