namespace Bot.Domain.Grading;

/// <summary>A column of a subject page. Only <see cref="Current"/> is dated; the rest are dateless (M-3).</summary>
public enum MarkColumn
{
    /// <summary>A mark under the date of a lesson (M-2).</summary>
    Current,

    /// <summary>"Зошит" (M-4).</summary>
    Notebook,

    /// <summary>"Напамʼять".</summary>
    ByHeart,

    /// <summary>"Діалог".</summary>
    Dialogue,

    /// <summary>"Усний твір".</summary>
    OralEssay,

    /// <summary>"Усний переказ".</summary>
    OralRetelling,

    /// <summary>"Читання вголос".</summary>
    ReadingAloud,

    /// <summary>"Аудіювання" (foreign languages).</summary>
    Listening,

    /// <summary>"Читання" (foreign languages).</summary>
    Reading,

    /// <summary>"Письмо" (foreign languages).</summary>
    Writing,

    /// <summary>"Говоріння" (foreign languages).</summary>
    Speaking,

    /// <summary>"Тематична" (M-5).</summary>
    Thematic,

    /// <summary>"І семестр" (M-6).</summary>
    Semester1,

    /// <summary>"ІІ семестр" (M-6).</summary>
    Semester2,

    /// <summary>"Скоригована" after "І семестр" (M-7).</summary>
    Corrected1,

    /// <summary>"Скоригована" after "ІІ семестр" (M-7).</summary>
    Corrected2,

    /// <summary>"Річна" (M-8).</summary>
    Annual,

    /// <summary>"ДПА" (M-10).</summary>
    Dpa,

    /// <summary>"Апеляційна" (M-10).</summary>
    Appeal,

    /// <summary>A group of learning outcomes' mark of the І semester (N-7): dateless, one per group (<see cref="Mark.ResultGroupId"/>).</summary>
    ResultGroup1,

    /// <summary>A group of learning outcomes' mark of the ІІ semester (N-7).</summary>
    ResultGroup2,
}
